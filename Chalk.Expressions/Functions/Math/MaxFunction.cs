namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Max(a, b)</c>: NaN if either is NaN (unlike <c>maxpd</c>); +0.0 is greater than -0.0.</summary>
internal sealed partial class MaxFunction : NumericBinaryFunction
{
    public override string Name => "max";

    protected override int Int32(int a, int b) => Math.Max(a, b);

    protected override long Int64(long a, long b) => Math.Max(a, b);

    protected override float Float32(float a, float b) => Math.Max(a, b);

    protected override double Float64(double a, double b) => Math.Max(a, b);
}
