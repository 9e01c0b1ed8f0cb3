namespace Chalk.Expressions.Functions;

/// <summary><c>lt(a, b)</c>: C#'s lifted comparison operator (false when either operand is null or NaN).</summary>
internal sealed class LtFunction : CompareFunction
{
    public override string Name => "lt";

    public override bool WithNull(bool leftNull, bool rightNull) => false;

    protected override bool Compare<T>(T a, T b) => a < b;
}
