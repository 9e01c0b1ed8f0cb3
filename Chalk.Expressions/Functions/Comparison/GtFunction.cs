namespace Chalk.Expressions.Functions;

/// <summary><c>gt(a, b)</c>: C#'s lifted comparison operator (false when either operand is null or NaN).</summary>
internal sealed class GtFunction : CompareFunction
{
    public override string Name => "gt";

    public override bool WithNull(bool leftNull, bool rightNull) => false;

    protected override bool Compare<T>(T a, T b) => a > b;
}
