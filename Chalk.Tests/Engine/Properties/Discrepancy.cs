namespace Chalk.Tests.Engine.Properties;

/// <summary>One way an engine's answer differs from the oracle's.</summary>
/// <param name="Path">Which engine and call: e.g. <c>online lifted</c>, <c>batch per-row</c>.</param>
/// <param name="MissingRow">Whether the key's row, or a row reached from it through has-one relations, does not exist
/// (the missing-row rule, being implemented); false marks other wrong answers.</param>
/// <param name="Text">What differs.</param>
/// <param name="NulKeys">Whether the case has a key containing U+0000 (issue 12, item 2: such keys find another key's
/// row or none), which may be the cause.</param>
internal sealed record Discrepancy(string Path, bool MissingRow, string Text, bool NulKeys = false)
{
    public override string ToString() =>
        $"{(MissingRow ? "(a) missing-row" : "(b) OTHER")}{(NulKeys ? " (NUL keys in the case)" : "")} [{Path}] {Text}";
}
