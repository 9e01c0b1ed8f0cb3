using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Max(a, b)</c>: NaN if either is NaN (unlike <c>maxpd</c>); +0.0 is greater than -0.0.</summary>
internal sealed partial class MaxFunction : NumericBinaryFunction
{
    public override string Name => "max";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        .. ClrMember.SameType(typeof(Math), nameof(Math.Max), 2, typeof(int), typeof(long), typeof(float), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Max), typeof(float), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => DuckDbMinMax(c, max: true))];

    protected override int Int32(int a, int b) => Math.Max(a, b);

    protected override long Int64(long a, long b) => Math.Max(a, b);

    protected override float Float32(float a, float b) => Math.Max(a, b);

    protected override double Float64(double a, double b) => Math.Max(a, b);

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new BinaryKernel<MaxOp<int>, int>(),
        ExprType.Int64 or ExprType.Timestamp or ExprType.Duration => new BinaryKernel<MaxOp<long>, long>(),
        ExprType.Float32 => new BinaryKernel<MaxOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<MaxOp<double>, double>(),
        _ => null,
    };

    /// <summary>DuckDB's <c>Math.Max</c> / <c>Math.Min</c>: NaN wins; on equal operands (±0) Max prefers +0 and Min prefers −0.</summary>
    internal static SqlText DuckDbMinMax(SqlCall c, bool max)
    {
        var t = c.Type;
        string x = c.Arg(0), y = c.Arg(1);
        string body;
        if (t.IsInteger())
        {
            body = $"{(max ? "greatest" : "least")}({x}, {y})";
        }
        else if (ConstantSide(c) is (int side, double value))
        {
            // Beside a number that is not NaN (Math.Max(0, x), say) one comparison decides: the other operand when it
            // is NaN or beyond the constant, else the constant; a tie with ±0 goes to +0 for Max and −0 for Min.
            string other = c.Arg(1 - side), constant = c.Arg(side);
            bool constantWinsTie = value != 0 || double.IsNegative(value) != max;
            string beyond = (max ? ">" : "<") + (constantWinsTie ? "" : "=");
            // DuckDB orders NaN above every number, so for Max the comparison already lets a NaN through; for Min it does not.
            string nan = max ? "" : $"WHEN isnan({other}) THEN {DuckDbSql.Nan(t)} ";
            body = $"CASE {nan}WHEN {other} {beyond} {constant} THEN {other} ELSE {constant} END";
        }
        else
        {
            string tie = max ? $"CASE WHEN signbit({y}) THEN {x} ELSE {y} END" : $"CASE WHEN signbit({x}) THEN {x} ELSE {y} END";
            body = $"CASE WHEN isnan({x}) OR isnan({y}) THEN {DuckDbSql.Nan(t)} WHEN {x} {(max ? ">" : "<")} {y} THEN {x} WHEN {y} {(max ? ">" : "<")} {x} THEN {y} ELSE {tie} END";
        }
        // greatest/least skip NULLs and isnan(NaN) fires beside a NULL: not strict.
        return new SqlText(c.NullGuarded(body));
    }

    // Which argument is a float literal other than NaN, and its value.
    private static (int Side, double Value)? ConstantSide(SqlCall c)
    {
        for (int i = 0; i < 2; i++)
        {
            if (c.Call.Args[i] is LiteralExpr { Value: double d } && !double.IsNaN(d)) return (i, d);
            if (c.Call.Args[i] is LiteralExpr { Value: float f } && !float.IsNaN(f)) return (i, f);
        }
        return null;
    }
}
