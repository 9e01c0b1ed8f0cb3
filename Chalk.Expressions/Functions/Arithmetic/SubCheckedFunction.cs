using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>checked(a - b)</c>: integer overflow fails the row ("Arithmetic operation resulted in an overflow."); floats as unchecked.</summary>
internal sealed partial class SubCheckedFunction : NumericBinaryFunction
{
    public override string Name => "sub_checked";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => DuckDbArithmetic.Numeric(c, "-", isChecked: true))];

    public override bool CanFail => true;

    protected override int Int32(int a, int b) => checked(a - b);

    protected override long Int64(long a, long b) => checked(a - b);

    protected override float Float32(float a, float b) => a - b;

    protected override double Float64(double a, double b) => a - b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new FallibleKernel<int>(static (a, b) => checked(a - b)),
        ExprType.Int64 => new FallibleKernel<long>(static (a, b) => checked(a - b)),
        ExprType.Float32 => new BinaryKernel<SubOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<SubOp<double>, double>(),
        _ => null,
    };
}
