namespace Chalk.Expressions.Functions;

/// <summary><c>s.EndsWith(pattern, StringComparison.Ordinal)</c>.</summary>
internal sealed partial class EndsWithFunction : StringPredicateFunction
{
    public override string Name => "ends_with";

    public override StringComparison Comparison => StringComparison.Ordinal;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.EndsWith(pattern, StringComparison.Ordinal);
}
