using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Round(a)</c> and <c>Math.Round(a, digits)</c>: half to even; digits outside 0..15 (0..6 for float32) fail the row.</summary>
internal sealed partial class RoundFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures =
    [
        new(ExprType.Float32, ExprType.Float32),
        new(ExprType.Float64, ExprType.Float64),
        new(ExprType.Float32, ExprType.Float32, ExprType.Int32),
        new(ExprType.Float64, ExprType.Float64, ExprType.Int32),
    ];

    public override string Name => "round";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Round), typeof(double)),
        ClrMember.Method(typeof(Math), nameof(Math.Round), typeof(double), typeof(int)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Round), typeof(float)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Round), typeof(float), typeof(int)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.Call.Args.Count == 2 ? DuckDbRoundDigits(c)
        : c.Type == ExprType.Float64 ? new SqlText(DuckDbSql.HalfEven(c.Arg(0)))
        : new SqlText($"CAST({DuckDbSql.HalfEven($"CAST({c.Arg(0)} AS DOUBLE)")} AS FLOAT)"))];

    public override bool CanFail => true;

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => (args[0], args.Length) switch
    {
        (float a, 1) => (object)MathF.Round(a),
        (double a, 1) => Math.Round(a),
        (float a, _) => (object)MathF.Round(a, (int)args[1]!),
        (double a, _) => Math.Round(a, (int)args[1]!),
        _ => throw new ChalkInternalException($"round: unexpected {args[0]?.GetType().Name}"),
    };

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args switch
    {
        [ExprType.Float32] => new UnaryKernel<RoundF32, float>(),
        [ExprType.Float64] => new UnaryKernel<RoundF64, double>(),
        [ExprType.Float32, ExprType.Int32] => new RoundDigitsKernel<float>(),
        [ExprType.Float64, ExprType.Int32] => new RoundDigitsKernel<double>(),
        _ => null,
    };

    private static readonly string s_digitsMessage64 = DuckDbSql.MessageOf(() => Math.Round(1.0, 16));
    private static readonly string s_digitsMessage32 = DuckDbSql.MessageOf(() => MathF.Round(1f, 7));

    /// <summary>
    /// DuckDB's <c>Math.Round(x, digits)</c> as .NET computes it: below 1e16 (float: 1e8) scale by the exact power of
    /// ten, round half to even, divide back; larger magnitudes, NaN and ∞ are returned unchanged; digits outside
    /// 0..15 (float: 0..6) throw.
    /// </summary>
    private static SqlText DuckDbRoundDigits(SqlCall c)
    {
        bool single = c.Type == ExprType.Float32;
        string type = c.SqlType(c.Type), x = c.Arg(0), d = c.Arg(1);
        int maxDigits = single ? 6 : 15;
        // 10^digits parsed from text: exact (every power up to 1e15 is representable), and shorter than a table.
        string p = $"CAST('1e' || CAST({d} AS VARCHAR) AS {type})";
        string scaled = single ? $"CAST({DuckDbSql.HalfEven($"CAST({x} * {p} AS DOUBLE)")} AS FLOAT) / {p}" : $"{DuckDbSql.HalfEven($"({x} * {p})")} / {p}";
        string limit = single ? "CAST('1e8' AS FLOAT)" : "CAST('1e16' AS DOUBLE)";
        string body = $"CASE WHEN {d} < 0 OR {d} > {maxDigits} THEN CAST(NULL AS {type}) WHEN abs({x}) < {limit} THEN {scaled} ELSE {x} END";
        return new SqlText(c.NullGuarded(body), c.FailWhen(($"{d} < 0 OR {d} > {maxDigits}", single ? s_digitsMessage32 : s_digitsMessage64)));
    }
}
