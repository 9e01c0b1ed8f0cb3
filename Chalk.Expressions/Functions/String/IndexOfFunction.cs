namespace Chalk.Expressions.Functions;

/// <summary><c>s.IndexOf(pattern[, start[, count]], StringComparison.Ordinal)</c>.</summary>
internal sealed class IndexOfFunction : StringSearchFunction
{
    public override string Name => "index_of";

    public override bool Last => false;

    public override StringComparison Comparison => StringComparison.Ordinal;
}
