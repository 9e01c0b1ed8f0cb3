namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Min(a, b)</c>: NaN if either is NaN; -0.0 is less than +0.0.</summary>
internal sealed partial class MinFunction : NumericBinaryFunction
{
    public override string Name => "min";

    protected override int Int32(int a, int b) => Math.Min(a, b);

    protected override long Int64(long a, long b) => Math.Min(a, b);

    protected override float Float32(float a, float b) => Math.Min(a, b);

    protected override double Float64(double a, double b) => Math.Min(a, b);
}
