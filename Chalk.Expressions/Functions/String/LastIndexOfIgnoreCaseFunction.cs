namespace Chalk.Expressions.Functions;

/// <summary><c>s.LastIndexOf(pattern, StringComparison.OrdinalIgnoreCase)</c>.</summary>
internal sealed class LastIndexOfIgnoreCaseFunction : StringSearchFunction
{
    public override string Name => "last_index_of_ignore_case";

    public override bool Last => true;

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;
}
