using Chalk.Expressions;
using Chalk.Sql.Translation;

namespace Chalk.Sql.Aggregation;

internal sealed partial class AggregateForm
{
    // Min/Max: nulls skipped; no values fails (non-nullable overloads) or gives null. Distinct changes nothing: it keeps
    // each value's first occurrence, which is the one Min/Max would keep anyway.
    private void Extreme()
    {
        var t = ValueType;
        ExpectType(t);
        if (t == ExprType.Utf8)
        {
            StringExtreme();
            return;
        }
        var failure = FirstFailureOf(RowError(_valueError));
        bool max = _agg.Kind == AggregateKind.Max;
        if (t.IsFloat())
        {
            FloatExtreme(t, max, failure);
            return;
        }
        string m = _parts.Group("m", $"{(max ? "max" : "min")}({V}){Passing()}");
        _parts.Value = m;
        _parts.Error = AggregateParts.FirstError(failure?.Message, AggregateParts.EmptyError(_agg, $"{m} IS NULL"));
    }

    // LINQ's float Min returns at the first NaN (so later rows are never evaluated) and Max ignores NaN unless every
    // value is NaN. DuckDB orders NaN above everything, so its min already skips NaN unless every value is NaN, and
    // the Max is -min(-V): exact (negation is), NaN exactly when every value is NaN, with no FILTER and no NaN flag.
    // Both keep the first of equal values, so a zero result has the sign of the first zero in row order (DuckDB's
    // min/max keep the first zero in scan order).
    private void FloatExtreme(ExprType t, bool max, FirstFailure? failure)
    {
        string type = DuckDbSqlTranslator.SqlType(t);
        string m = max ? $"(-{_parts.Group("m", $"min(-{V}){Passing()}")})" : _parts.Group("m", $"min({V}){Passing()}");
        // Values that cannot be -0 (Math.Max(0, x), a converted integer) make a zero result +0, without the zero counts.
        string zero = NegativeZero.Impossible(_agg.Value!) ? $"CAST(0 AS {type})"
            : $"CASE WHEN {FirstZeroNegative()} THEN CAST('-0.0' AS {type}) ELSE CAST(0 AS {type}) END";
        string signed = $"CASE WHEN {m} = 0 THEN {zero} ELSE {m} END";
        string? empty = AggregateParts.EmptyError(_agg, $"{m} IS NULL");
        if (max)
        {
            _parts.Value = signed;
            _parts.Error = AggregateParts.FirstError(failure?.Message, empty);
            return;
        }
        string firstNan = _parts.Group("nan", $"min({Order}){Passing($"isnan({V})")}");
        _parts.Value = $"CASE WHEN {firstNan} IS NOT NULL THEN CAST('nan' AS {type}) ELSE {signed} END";
        _parts.Error = AggregateParts.FirstError(failure?.Before(firstNan), empty);
    }

    /// <summary>Whether the first passing zero in row order is -0 (false when there is none).</summary>
    /// <remarks>
    /// Counts of the zeros and the -0s (FILTERed, so only zero rows touch the group) settle it unless both signs
    /// occur; only those key rows read the child order, in the <see cref="ZeroChecks"/> CTE.
    /// </remarks>
    private string FirstZeroNegative()
    {
        string zeros = _parts.Group("zc", $"count(*){Passing($"{V} = 0")}");
        string negative = _parts.Group("z", $"count(*){Passing($"{V} = 0 AND signbit({V})")}");
        string both = $"{negative} > 0 AND {negative} < {zeros}";
        return $"(CASE WHEN {both} THEN {_parts.FirstZero(_pass, V, both)} ELSE {negative} > 0 END)";
    }
}
