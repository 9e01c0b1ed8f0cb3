using Chalk.Expressions;

namespace Chalk.Sql.Sources.Aggregation;

internal sealed partial class PostgresAggregateForm
{
    // A finite value at most this large in magnitude: more than 10^10 of them still sum below double.MaxValue, so a sum
    // of such values cannot overflow in any order (PostgreSQL raises where C# would give ∞).
    private const string SmallBound = "CAST('1e298' AS float8)";

    private static readonly string s_nan = PostgresSqlTranslator.Double(double.NaN);
    private static readonly string s_infinity = PostgresSqlTranslator.Double(double.PositiveInfinity);
    private static readonly string s_negativeInfinity = PostgresSqlTranslator.Double(double.NegativeInfinity);

    private void Sum()
    {
        var t = ValueType;
        if (t is not (ExprType.Int32 or ExprType.Int64 or ExprType.Float64)) throw new PostgresRefusedException($"Sum over {t.Name()} is not pushed down to PostgreSQL");
        ExpectType(t);
        if (t == ExprType.Float64) FloatSum();
        else CheckedSum(t);
    }

    // LINQ adds in row order in a checked int/long, so it fails at the first running total out of range, even when the
    // total fits (int.MaxValue, 1, -1 fails). PostgreSQL sums exactly (int8 or numeric). The running totals lie between
    // the sum of the negative and the sum of the positive values: when both fit nothing overflows; when the total does
    // not fit LINQ fails for sure; in between the key row is rechecked in the engine.
    private void CheckedSum(ExprType t)
    {
        string lo = t == ExprType.Int32 ? "-2147483648" : "-9223372036854775808";
        string hi = t == ExprType.Int32 ? "2147483647" : "9223372036854775807";
        string total = $"coalesce({_parts.Group($"sum({V}){Passing()}")}, 0)";
        string positive = $"coalesce({_parts.Group($"sum({V}){Passing($"{V} > 0")}")}, 0)";
        string negative = $"coalesce({_parts.Group($"sum({V}){Passing($"{V} < 0")}")}, 0)";
        string inRange = $"({total} BETWEEN {lo} AND {hi})";
        Value = $"CASE WHEN {inRange} THEN CAST({total} AS {PostgresSqlTranslator.SqlType(t)}) END";
        Error = $"CASE WHEN NOT {inRange} THEN {Text(OverflowMessage)} END";
        Recheck = $"({inRange} AND NOT ({positive} <= {hi} AND {negative} >= {lo}))";
    }

    // LINQ adds doubles in row order from +0. With no finite value above SmallBound no running total overflows, so the
    // result is NaN when a NaN or both infinities occur, else the infinity that occurs, else the finite sum (+0.0 turns
    // a -0 total into LINQ's +0). PostgreSQL adds in its own order: the finite sum agrees to within rounding. A key row
    // with a larger finite value is rechecked in the engine (PostgreSQL would raise on the overflow C# takes as ∞).
    private void FloatSum()
    {
        string sum = _parts.Group($"sum(CASE WHEN abs({V}) <= {SmallBound} THEN {V} END){Passing()}");
        string nans = Count($"{V} = {s_nan}");
        string positive = Count($"{V} = {s_infinity}");
        string negative = Count($"{V} = {s_negativeInfinity}");
        // PostgreSQL orders NaN above ∞, so this is the finite values above the bound.
        string large = Count($"abs({V}) > {SmallBound} AND abs({V}) < {s_infinity}");
        Value = $"CASE WHEN {nans} > 0 OR ({positive} > 0 AND {negative} > 0) THEN {s_nan} WHEN {positive} > 0 THEN {s_infinity} " +
                $"WHEN {negative} > 0 THEN {s_negativeInfinity} ELSE coalesce({sum}, 0) + CAST(0 AS float8) END";
        Recheck = $"({large} > 0)";
    }

    // Min/Max: nulls skipped; no values fails (non-nullable selectors) or gives null.
    private void Extreme()
    {
        var t = ValueType;
        if (t is not (ExprType.Int32 or ExprType.Int64 or ExprType.Float64)) throw new PostgresRefusedException($"{_agg.Kind} over {t.Name()} is not pushed down to PostgreSQL");
        ExpectType(t);
        bool max = _agg.Kind == AggregateKind.Max;
        string empty = $"{Count($"{V} IS NOT NULL")} = 0";
        Error = EmptyError(empty);
        if (t != ExprType.Float64)
        {
            Value = _parts.Group($"{(max ? "max" : "min")}({V}){Passing()}");
            return;
        }
        // LINQ's Min is NaN as soon as a value is NaN; its Max skips NaN unless every value is NaN. PostgreSQL orders
        // NaN above every number, so its min already skips NaN unless all are NaN, and the max is taken without NaN.
        // Both keep the first of equal values in row order, so a zero result has the sign of the first zero: settled
        // by counts when the zeros share one sign, rechecked in the engine when both signs occur.
        string m = max ? _parts.Group($"max({V}){Passing($"{V} <> {s_nan}")}") : _parts.Group($"min({V}){Passing()}");
        string nans = Count($"{V} = {s_nan}");
        string zeros = Count($"{V} = 0");
        string negativeZeros = Count($"{V} = 0 AND CAST({V} AS text) = '-0'");
        string signed = $"CASE WHEN {m} = 0 THEN CASE WHEN {negativeZeros} > 0 THEN CAST('-0' AS float8) ELSE CAST(0 AS float8) END ELSE {m} END";
        string isNan = max ? $"({m} IS NULL AND {nans} > 0)" : $"({nans} > 0)";
        Value = $"CASE WHEN {isNan} THEN {s_nan} ELSE {signed} END";
        Recheck = $"(NOT {isNan} AND {m} = 0 AND {negativeZeros} > 0 AND {negativeZeros} < {zeros})";
    }

    /// <summary>The number of passing rows where <paramref name="condition"/> holds (0 for key rows without children).</summary>
    private string Count(string condition) => $"coalesce({_parts.Group($"count(*){Passing(condition)}")}, 0)";
}
