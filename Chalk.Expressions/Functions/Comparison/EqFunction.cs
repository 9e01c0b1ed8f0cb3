using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>eq(a, b)</c>: C#'s lifted <c>a == b</c>; two nulls are equal, strings compare ordinally, NaN is unequal to itself.</summary>
internal sealed class EqFunction : CompareFunction
{
    public override string Name => "eq";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(string), nameof(string.Equals), typeof(string)),
        ClrMember.Method(typeof(string), nameof(string.Equals), typeof(string), typeof(string)),
        .. ComparisonOperators("op_Equality", withString: true),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        new(SqlDialect.DuckDb, static c =>
    {
        string x = c.Arg(0), y = c.Arg(1);
        return new SqlText(c.ArgType(0).IsFloat()
            ? $"CASE WHEN isnan({x}) OR isnan({y}) THEN false ELSE {x} IS NOT DISTINCT FROM {y} END"
            : $"({x} IS NOT DISTINCT FROM {y})", MayBeNull: false);
    }),
        PostgresComparison,
    ];

    protected override bool IsEquality => true;

    public override bool WithNull(bool leftNull, bool rightNull) => leftNull && rightNull;

    protected override bool Compare<T>(T a, T b) => a == b;

    protected override bool CompareBool(bool a, bool b) => a == b;

    protected override bool CompareString(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new CompareKernel<EqOp<int>, int>(CompareNulls.Equal),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new CompareKernel<EqOp<long>, long>(CompareNulls.Equal),
        ExprType.Float32 => new CompareKernel<EqOp<float>, float>(CompareNulls.Equal),
        ExprType.Float64 => new CompareKernel<EqOp<double>, double>(CompareNulls.Equal),
        ExprType.Bool => new BoolEqualityKernel(equal: true),
        ExprType.Utf8 => new StringEqualityKernel(equal: true),
        _ => null,
    };
}
