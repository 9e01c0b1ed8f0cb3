namespace Chalk.Expressions.Functions;

/// <summary><c>a * b</c>: unchecked (integers wrap).</summary>
internal sealed partial class MulFunction : NumericBinaryFunction
{
    public override string Name => "mul";

    public override string InfixOperator => "*";

    public override int InfixPrecedence => 2;

    protected override int Int32(int a, int b) => unchecked(a * b);

    protected override long Int64(long a, long b) => unchecked(a * b);

    protected override float Float32(float a, float b) => a * b;

    protected override double Float64(double a, double b) => a * b;
}
