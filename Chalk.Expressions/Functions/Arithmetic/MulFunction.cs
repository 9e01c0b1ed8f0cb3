using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>a * b</c>: unchecked (integers wrap).</summary>
internal sealed partial class MulFunction : NumericBinaryFunction
{
    public override string Name => "mul";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => DuckDbArithmetic.Numeric(c, "*", isChecked: false))];

    public override string InfixOperator => "*";

    public override int InfixPrecedence => 2;

    protected override int Int32(int a, int b) => unchecked(a * b);

    protected override long Int64(long a, long b) => unchecked(a * b);

    protected override float Float32(float a, float b) => a * b;

    protected override double Float64(double a, double b) => a * b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new BinaryKernel<MulOp<int>, int>(),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new BinaryKernel<MulOp<long>, long>(),
        ExprType.Float32 => new BinaryKernel<MulOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<MulOp<double>, double>(),
        _ => null,
    };
}
