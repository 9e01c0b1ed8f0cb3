using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Min(a, b)</c>: NaN if either is NaN; -0.0 is less than +0.0.</summary>
internal sealed partial class MinFunction : NumericBinaryFunction
{
    public override string Name => "min";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        .. ClrMember.SameType(typeof(Math), nameof(Math.Min), 2, typeof(int), typeof(long), typeof(float), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Min), typeof(float), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => MaxFunction.DuckDbMinMax(c, max: false))];

    protected override int Int32(int a, int b) => Math.Min(a, b);

    protected override long Int64(long a, long b) => Math.Min(a, b);

    protected override float Float32(float a, float b) => Math.Min(a, b);

    protected override double Float64(double a, double b) => Math.Min(a, b);

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new BinaryKernel<MinOp<int>, int>(),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new BinaryKernel<MinOp<long>, long>(),
        ExprType.Float32 => new BinaryKernel<MinOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<MinOp<double>, double>(),
        _ => null,
    };
}
