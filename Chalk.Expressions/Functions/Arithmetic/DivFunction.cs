using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>a / b</c>: integer division truncates and fails the row on a zero divisor ("Attempted to divide by zero.") or <c>MinValue / -1</c> (overflow); float division is IEEE.</summary>
internal sealed partial class DivFunction : NumericBinaryFunction
{
    public override string Name => "div";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => DuckDbArithmetic.DivRem(c, rem: false))];

    public override string InfixOperator => "/";

    public override int InfixPrecedence => 2;

    public override bool CanFail => true;

    protected override int Int32(int a, int b) => a / b;

    protected override long Int64(long a, long b) => a / b;

    protected override float Float32(float a, float b) => a / b;

    protected override double Float64(double a, double b) => a / b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new IntegerDivideKernel<int>(remainder: false),
        ExprType.Int64 => new IntegerDivideKernel<long>(remainder: false),
        ExprType.Float32 => new BinaryKernel<DivFloatOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<DivFloatOp<double>, double>(),
        _ => null,
    };
}
