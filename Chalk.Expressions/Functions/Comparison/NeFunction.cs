namespace Chalk.Expressions.Functions;

/// <summary><c>ne(a, b)</c>: C#'s lifted <c>a != b</c>; null differs from any value, two nulls do not differ, NaN differs from itself.</summary>
internal sealed class NeFunction : CompareFunction
{
    public override string Name => "ne";

    protected override bool IsEquality => true;

    public override bool WithNull(bool leftNull, bool rightNull) => leftNull != rightNull;

    protected override bool Compare<T>(T a, T b) => a != b;

    protected override bool CompareBool(bool a, bool b) => a != b;

    protected override bool CompareString(string a, string b) => !string.Equals(a, b, StringComparison.Ordinal);
}
