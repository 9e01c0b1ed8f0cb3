namespace Chalk.Expressions.Functions;

/// <summary><c>le(a, b)</c>: C#'s lifted comparison operator (false when either operand is null or NaN).</summary>
internal sealed class LeFunction : CompareFunction
{
    public override string Name => "le";

    public override bool WithNull(bool leftNull, bool rightNull) => false;

    protected override bool Compare<T>(T a, T b) => a <= b;
}
