using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>gt(a, b)</c>: C#'s lifted comparison operator (false when either operand is null or NaN).</summary>
internal sealed class GtFunction : CompareFunction
{
    public override string Name => "gt";

    public override IReadOnlyList<ClrMember> Members { get; } = [.. ComparisonOperators("op_GreaterThan", withString: false)];

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        DuckDbOrdering(">"),
        PostgresComparison,
    ];

    public override bool WithNull(bool leftNull, bool rightNull) => false;

    protected override bool Compare<T>(T a, T b) => a > b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new CompareKernel<GtOp<int>, int>(CompareNulls.False),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new CompareKernel<GtOp<long>, long>(CompareNulls.False),
        ExprType.Float32 => new CompareKernel<GtOp<float>, float>(CompareNulls.False),
        ExprType.Float64 => new CompareKernel<GtOp<double>, double>(CompareNulls.False),
        _ => null,
    };
}
