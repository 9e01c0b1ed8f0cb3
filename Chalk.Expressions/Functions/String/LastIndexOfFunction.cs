namespace Chalk.Expressions.Functions;

/// <summary><c>s.LastIndexOf(pattern, StringComparison.Ordinal)</c>.</summary>
internal sealed class LastIndexOfFunction : StringSearchFunction
{
    public override string Name => "last_index_of";

    public override bool Last => true;

    public override StringComparison Comparison => StringComparison.Ordinal;
}
