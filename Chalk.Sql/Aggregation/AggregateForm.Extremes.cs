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
        if (t == ExprType.Utf8) throw Refuse("it takes the Min/Max of strings: LINQ compares them with the culture-sensitive Comparer<string>.Default, DuckDB by UTF-8 bytes");
        ExpectType(t);
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
    // value is NaN; DuckDB orders NaN above everything, so NaN is left out of min/max and handled apart. Both keep the
    // first of equal values, so a zero result has the sign of the first zero.
    private void FloatExtreme(ExprType t, bool max, FirstFailure? failure)
    {
        string type = DuckDbSqlTranslator.SqlType(t);
        string nan = $"CAST('nan' AS {type})";
        string m = _parts.Group("m", $"{(max ? "max" : "min")}({V}){Passing($"NOT isnan({V})")}");
        string firstZeroNegative = _parts.Group("fz", $"arg_min(signbit({V}), {Order}){Passing($"{V} = 0")}");
        string signed = $"CASE WHEN {m} = 0 THEN CASE WHEN {firstZeroNegative} THEN CAST('-0.0' AS {type}) ELSE CAST(0 AS {type}) END ELSE {m} END";
        if (max)
        {
            string anyNan = _parts.Group("nan", $"bool_or(isnan({V})){Passing()}");
            _parts.Value = $"CASE WHEN {m} IS NULL THEN CASE WHEN {anyNan} THEN {nan} END ELSE {signed} END";
            _parts.Error = AggregateParts.FirstError(failure?.Message, AggregateParts.EmptyError(_agg, $"{m} IS NULL AND NOT coalesce({anyNan}, false)"));
            return;
        }
        string firstNan = _parts.Group("nan", $"min({Order}){Passing($"isnan({V})")}");
        _parts.Value = $"CASE WHEN {firstNan} IS NOT NULL THEN {nan} ELSE {signed} END";
        _parts.Error = AggregateParts.FirstError(failure?.Before(firstNan), AggregateParts.EmptyError(_agg, $"{m} IS NULL AND {firstNan} IS NULL"));
    }
}
