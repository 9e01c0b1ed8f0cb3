namespace Chalk.Expressions.Functions;

/// <summary><c>s.IndexOf(pattern[, start[, count]], StringComparison.OrdinalIgnoreCase)</c>.</summary>
internal sealed class IndexOfIgnoreCaseFunction : StringSearchFunction
{
    public override string Name => "index_of_ignore_case";

    public override bool Last => false;

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;
}
