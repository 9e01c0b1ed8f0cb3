namespace Chalk.Expressions.Functions;

/// <summary><c>s.Contains(pattern, StringComparison.OrdinalIgnoreCase)</c>.</summary>
internal sealed partial class ContainsIgnoreCaseFunction : StringPredicateFunction
{
    public override string Name => "contains_ignore_case";

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.Contains(pattern, StringComparison.OrdinalIgnoreCase);
}
