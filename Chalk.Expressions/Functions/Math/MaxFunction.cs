using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Max(a, b)</c>: NaN if either is NaN (unlike <c>maxpd</c>); +0.0 is greater than -0.0.</summary>
internal sealed partial class MaxFunction : NumericBinaryFunction
{
    public override string Name => "max";

    public override IReadOnlyList<ClrMember> Members { get; } = [.. ClrMember.SameType(typeof(Math), nameof(Math.Max), 2, typeof(int), typeof(long), typeof(float), typeof(double)), ClrMember.Method(typeof(MathF), nameof(MathF.Max), typeof(float), typeof(float))];

    protected override int Int32(int a, int b) => Math.Max(a, b);

    protected override long Int64(long a, long b) => Math.Max(a, b);

    protected override float Float32(float a, float b) => Math.Max(a, b);

    protected override double Float64(double a, double b) => Math.Max(a, b);

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new BinaryKernel<MaxOp<int>, int>(),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new BinaryKernel<MaxOp<long>, long>(),
        ExprType.Float32 => new BinaryKernel<MaxOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<MaxOp<double>, double>(),
        _ => null,
    };
}
