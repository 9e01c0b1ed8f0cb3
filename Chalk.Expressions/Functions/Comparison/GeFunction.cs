namespace Chalk.Expressions.Functions;

/// <summary><c>ge(a, b)</c>: C#'s lifted comparison operator (false when either operand is null or NaN).</summary>
internal sealed class GeFunction : CompareFunction
{
    public override string Name => "ge";

    public override bool WithNull(bool leftNull, bool rightNull) => false;

    protected override bool Compare<T>(T a, T b) => a >= b;
}
