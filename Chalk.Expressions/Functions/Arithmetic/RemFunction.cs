using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>a % b</c>: the sign follows the dividend; integer zero divisor and <c>MinValue % -1</c> fail the row as in .NET on x64; float remainder is C#'s (truncated, not IEEERemainder).</summary>
internal sealed partial class RemFunction : NumericBinaryFunction
{
    public override string Name => "rem";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => DuckDbArithmetic.DivRem(c, rem: true))];

    public override string InfixOperator => "%";

    public override int InfixPrecedence => 2;

    public override bool CanFail => true;

    protected override int Int32(int a, int b) => a % b;

    protected override long Int64(long a, long b) => a % b;

    protected override float Float32(float a, float b) => a % b;

    protected override double Float64(double a, double b) => a % b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new IntegerDivideKernel<int>(remainder: true),
        ExprType.Int64 => new IntegerDivideKernel<long>(remainder: true),
        ExprType.Float32 => new ScalarBinaryKernel<float>(static (a, b) => a % b),
        ExprType.Float64 => new ScalarBinaryKernel<double>(static (a, b) => a % b),
        _ => null,
    };
}
