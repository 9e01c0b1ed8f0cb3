using Chalk.Expressions;
using Chalk.Sql.Translation;

namespace Chalk.Sql.Aggregation;

internal sealed partial class AggregateForm
{
    private const string Double0 = "CAST(0 AS DOUBLE)";

    // Sum: 0 on no rows, nulls skipped. Integers accumulate in a checked int/long; float and double in a double that
    // starts at +0 (so a sum is never -0: +0 + -0 is +0, hence the "+ 0.0"), float results rounded back to float.
    private void Sum()
    {
        var t = ValueType;
        if (!t.IsNumeric()) throw Refuse($"LINQ has no Sum over {t.Name()}");
        ExpectType(t);
        var failure = FirstFailureOf(RowError(_valueError));
        if (t.IsFloat())
        {
            string s = _parts.Group("s", $"sum({Distinct}CAST({V} AS DOUBLE)){Passing()}");
            string total = $"(coalesce({s}, {Double0}) + {Double0})";
            _parts.Value = t == ExprType.Float32 ? ToFloat(total) : total;
            _parts.Error = failure?.Message;
            return;
        }
        var sum = CheckedSum(t, failure);
        _parts.Value = $"CASE WHEN {sum.InRange} THEN CAST(coalesce({sum.Total}, 0) AS {DuckDbSqlTranslator.SqlType(t)}) END";
        _parts.Error = sum.Error;
    }

    // Average: nulls skipped; no values fails (non-nullable overloads) or gives null. int sums in a long (which cannot
    // overflow below 2^32 rows), long in a checked long; the result is (double)sum / count. float and double sum in
    // a double that starts at the first value, so the average is -0 exactly when every value is -0: when the count of
    // -0 values (FILTERed, so only those rare rows touch the group) is the count of values.
    private void Average()
    {
        var t = ValueType;
        if (!t.IsNumeric()) throw Refuse($"LINQ has no Average over {t.Name()}");
        ExpectType(t == ExprType.Float32 ? ExprType.Float32 : ExprType.Float64);
        var failure = FirstFailureOf(RowError(_valueError));
        string n = _parts.Group("n", $"count({Distinct}{V}){Passing()}");
        string empty = $"coalesce({n}, 0) = 0";
        string countD = $"CAST({n} AS DOUBLE)";
        string? error;
        if (t.IsFloat())
        {
            string s = _parts.Group("s", $"sum({Distinct}CAST({V} AS DOUBLE)){Passing()}");
            string allNegativeZero = _agg.Distinct
                ? $"({n} = 1 AND {FirstZeroNegative()})"
                : $"({_parts.Group("z", $"count(*){Passing($"{V} = 0 AND signbit({V})")}")} = {n})";
            string avg = $"CASE WHEN {allNegativeZero} THEN CAST('-0.0' AS DOUBLE) ELSE ({s} + {Double0}) / {countD} END";
            _parts.Value = $"CASE WHEN NOT ({empty}) THEN {(t == ExprType.Float32 ? ToFloat(avg) : avg)} END";
            error = failure?.Message;
        }
        else if (t == ExprType.Int32)
        {
            string s = _parts.Group("s", $"sum({Distinct}{V}){Passing()}");
            _parts.Value = $"CASE WHEN NOT ({empty}) THEN CAST(CAST({s} AS BIGINT) AS DOUBLE) / {countD} END";
            error = failure?.Message;
        }
        else
        {
            var sum = CheckedSum(ExprType.Int64, failure);
            _parts.Value = $"CASE WHEN NOT ({empty}) AND {sum.InRange} THEN CAST(CAST({sum.Total} AS BIGINT) AS DOUBLE) / {countD} END";
            error = sum.Error;
        }
        _parts.Error = AggregateParts.FirstError(error, AggregateParts.EmptyError(_agg, empty));
    }

    private string Distinct => _agg.Distinct ? "DISTINCT " : "";

    /// <summary>A double rounded to float as C#'s cast does (±∞ beyond float's range, where DuckDB's cast raises).</summary>
    private static string ToFloat(string doubleSql)
        => DuckDbSqlTranslator.Translate(Expr.Cast(Expr.Col("x", ExprType.Float64, true), ExprType.Float32), _ => "(" + doubleSql + ")").ValueSql!;
}
