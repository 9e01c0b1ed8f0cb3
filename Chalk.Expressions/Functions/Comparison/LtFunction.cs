using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>lt(a, b)</c>: C#'s lifted comparison operator (false when either operand is null or NaN).</summary>
internal sealed class LtFunction : CompareFunction
{
    public override string Name => "lt";

    public override IReadOnlyList<ClrMember> Members { get; } = [.. ComparisonOperators("op_LessThan", withString: false)];

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        DuckDbOrdering("<"),
        PostgresComparison,
    ];

    public override bool WithNull(bool leftNull, bool rightNull) => false;

    protected override bool Compare<T>(T a, T b) => a < b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new CompareKernel<LtOp<int>, int>(CompareNulls.False),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new CompareKernel<LtOp<long>, long>(CompareNulls.False),
        ExprType.Float32 => new CompareKernel<LtOp<float>, float>(CompareNulls.False),
        ExprType.Float64 => new CompareKernel<LtOp<double>, double>(CompareNulls.False),
        _ => null,
    };
}
