namespace Chalk.Expressions.Functions;

/// <summary><c>checked(a * b)</c>: integer overflow fails the row ("Arithmetic operation resulted in an overflow."); floats as unchecked.</summary>
internal sealed partial class MulCheckedFunction : NumericBinaryFunction
{
    public override string Name => "mul_checked";

    public override bool CanFail => true;

    protected override int Int32(int a, int b) => checked(a * b);

    protected override long Int64(long a, long b) => checked(a * b);

    protected override float Float32(float a, float b) => a * b;

    protected override double Float64(double a, double b) => a * b;
}
