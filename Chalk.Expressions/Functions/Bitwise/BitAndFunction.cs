using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary>Integer <c>a &amp; b</c> (the bool operator is <c>and</c>, which has <c>bool?</c> null rules).</summary>
internal sealed class BitAndFunction : IntegerBitwiseFunction
{
    public override string Name => "bit_and";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "({0} & {1})")];

    protected override int Int32(int a, int b) => a & b;

    protected override long Int64(long a, long b) => a & b;

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Int32
        ? new BinaryKernel<BitAndOp<int>, int>()
        : new BinaryKernel<BitAndOp<long>, long>();
}
