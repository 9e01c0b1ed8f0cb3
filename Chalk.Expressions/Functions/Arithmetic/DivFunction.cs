namespace Chalk.Expressions.Functions;

/// <summary><c>a / b</c>: integer division truncates and fails the row on a zero divisor ("Attempted to divide by zero.") or <c>MinValue / -1</c> (overflow); float division is IEEE.</summary>
internal sealed partial class DivFunction : NumericBinaryFunction
{
    public override string Name => "div";

    public override string InfixOperator => "/";

    public override int InfixPrecedence => 2;

    public override bool CanFail => true;

    protected override int Int32(int a, int b) => a / b;

    protected override long Int64(long a, long b) => a / b;

    protected override float Float32(float a, float b) => a / b;

    protected override double Float64(double a, double b) => a / b;
}
