namespace Chalk.Expressions.Functions;

/// <summary><c>s.EndsWith(pattern, StringComparison.OrdinalIgnoreCase)</c>.</summary>
internal sealed partial class EndsWithIgnoreCaseFunction : StringPredicateFunction
{
    public override string Name => "ends_with_ignore_case";

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.EndsWith(pattern, StringComparison.OrdinalIgnoreCase);
}
