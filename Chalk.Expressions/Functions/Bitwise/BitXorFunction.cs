using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary>Integer <c>a ^ b</c> (the bool operator is <c>xor</c>, which has <c>bool?</c> null rules).</summary>
internal sealed class BitXorFunction : IntegerBitwiseFunction
{
    public override string Name => "bit_xor";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "xor({0}, {1})")];

    protected override int Int32(int a, int b) => a ^ b;

    protected override long Int64(long a, long b) => a ^ b;

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Int32
        ? new BinaryKernel<BitXorOp<int>, int>()
        : new BinaryKernel<BitXorOp<long>, long>();
}
