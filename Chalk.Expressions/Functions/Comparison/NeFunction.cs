using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>ne(a, b)</c>: C#'s lifted <c>a != b</c>; null differs from any value, two nulls do not differ, NaN differs from itself.</summary>
internal sealed class NeFunction : CompareFunction
{
    public override string Name => "ne";

    public override IReadOnlyList<ClrMember> Members { get; } = [.. ComparisonOperators("op_Inequality", withString: true)];

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        new(SqlDialect.DuckDb, static c =>
    {
        string x = c.Arg(0), y = c.Arg(1);
        return new SqlText(c.ArgType(0).IsFloat()
            ? $"CASE WHEN isnan({x}) OR isnan({y}) THEN true ELSE {x} IS DISTINCT FROM {y} END"
            : $"({x} IS DISTINCT FROM {y})", MayBeNull: false);
    }),
        PostgresComparison,
    ];

    protected override bool IsEquality => true;

    public override bool WithNull(bool leftNull, bool rightNull) => leftNull != rightNull;

    protected override bool Compare<T>(T a, T b) => a != b;

    protected override bool CompareBool(bool a, bool b) => a != b;

    protected override bool CompareString(string a, string b) => !string.Equals(a, b, StringComparison.Ordinal);

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new CompareKernel<NeOp<int>, int>(CompareNulls.NotEqual),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new CompareKernel<NeOp<long>, long>(CompareNulls.NotEqual),
        ExprType.Float32 => new CompareKernel<NeOp<float>, float>(CompareNulls.NotEqual),
        ExprType.Float64 => new CompareKernel<NeOp<double>, double>(CompareNulls.NotEqual),
        ExprType.Bool => new BoolEqualityKernel(equal: false),
        ExprType.Utf8 => new StringEqualityKernel(equal: false),
        _ => null,
    };
}
