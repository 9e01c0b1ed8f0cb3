namespace Chalk.Expressions.Functions;

/// <summary><c>s.StartsWith(pattern, StringComparison.OrdinalIgnoreCase)</c>.</summary>
internal sealed partial class StartsWithIgnoreCaseFunction : StringPredicateFunction
{
    public override string Name => "starts_with_ignore_case";

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.StartsWith(pattern, StringComparison.OrdinalIgnoreCase);
}
