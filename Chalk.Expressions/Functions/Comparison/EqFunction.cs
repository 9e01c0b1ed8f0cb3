namespace Chalk.Expressions.Functions;

/// <summary><c>eq(a, b)</c>: C#'s lifted <c>a == b</c>; two nulls are equal, strings compare ordinally, NaN is unequal to itself.</summary>
internal sealed class EqFunction : CompareFunction
{
    public override string Name => "eq";

    protected override bool IsEquality => true;

    public override bool WithNull(bool leftNull, bool rightNull) => leftNull && rightNull;

    protected override bool Compare<T>(T a, T b) => a == b;

    protected override bool CompareBool(bool a, bool b) => a == b;

    protected override bool CompareString(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
