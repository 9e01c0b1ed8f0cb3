using Chalk.Expressions;
using Chalk.Sql.Translation;

namespace Chalk.Sql.Aggregation;

internal sealed partial class AggregateForm
{
    // Where(f).First() stops at the first passing row, so filter errors after it never happen. Last() on a list (how
    // LINQ sees the relation's rows) scans backwards from the end and stops at the last passing row: only filter
    // errors after it happen, the latest first. Either way only the chosen row's value is evaluated. The value travels
    // in a struct because arg_min/arg_max skip NULL arguments.
    private void Positional()
    {
        ExpectType(ValueType);
        bool first = _agg.Kind == AggregateKind.First;
        string? rowError = RowError(null);
        string chosen = _parts.Group("ch", $"{(first ? "arg_min" : "arg_max")}({{'o': {Order}, {Carried}}}, {Order}){Passing()}");
        string chosenAt = SqlText.Field(chosen, "o");
        string? earlier = null;
        if (first)
        {
            earlier = FirstFailureOf(rowError)?.Before(chosenAt);
        }
        else if (rowError is not null)
        {
            var last = new FirstFailure(_parts.Group("el", $"arg_max({{'o': {Order}, 'e': {rowError}}}, {Order}) FILTER (WHERE {rowError} IS NOT NULL)"));
            earlier = last.After(chosenAt);
        }
        Choose(chosen, earlier);
    }

    // OrderBy(k).First()/Last() and MinBy/MaxBy evaluate the key of every passing row, then the value of the chosen
    // row. .NET's order: null keys first, then NaN, then the numbers (-0 equals +0); ties keep row order, so First takes
    // the earliest of the tied rows and Last the latest. MinBy/MaxBy skip null keys (all null: the first row).
    // The choice is one arg_min/arg_max over a struct whose fields encode that order, the row order last.
    private void Ordered()
    {
        ExpectType(ValueType);
        var failure = FirstFailureOf(RowError(_keyError));
        if (_agg.Order!.Type == ExprType.Utf8)
        {
            if (_valueSql == _keySql)
            {
                OrderedOwnKey(failure);
                return;
            }
            _key = _parts.Row("k", CountedRank(_keySql!, "ordering key"));
        }
        // A string key is its culture rank here.
        var kt = _agg.Order!.Type == ExprType.Utf8 ? ExprType.Int32 : _agg.Order.Type;
        string k = _key!;
        string isNull = $"CASE WHEN {k} IS NULL THEN 1 ELSE 0 END";
        string? isNumber = kt.IsFloat() ? $"CASE WHEN isnan({k}) THEN 0 ELSE 1 END" : null;
        string type = DuckDbSqlTranslator.SqlType(kt);
        string zero = kt switch
        {
            ExprType.Bool => "false",
            ExprType.Timestamp => "0",
            _ => $"CAST(0 AS {type})",
        };
        // No NULL and no NaN in the compared field (their flags decide), and -0 as +0.
        string plain = kt switch
        {
            ExprType.Timestamp => $"coalesce(epoch_us({k}), 0)",
            _ when kt.IsFloat() => $"CASE WHEN {k} IS NULL OR isnan({k}) OR {k} = 0 THEN {zero} ELSE {k} END",
            _ => $"coalesce({k}, {zero})",
        };
        string negated = kt switch
        {
            ExprType.Bool => $"NOT {plain}",
            _ when kt.IsFloat() => $"-({plain}) + {zero}",
            _ => $"~({plain})",
        };
        string[] ascending = Fields($"1 - {isNull}", isNumber, plain);
        string[] descending = Fields(isNull, isNumber is null ? null : $"1 - {isNumber}", negated);
        (string fn, string[] fields) = (_agg.Kind, _agg.Descending) switch
        {
            (AggregateKind.First, false) => ("arg_min", ascending),
            (AggregateKind.First, true) => ("arg_min", descending),
            (AggregateKind.Last, false) => ("arg_max", ascending),
            (AggregateKind.Last, true) => ("arg_max", descending),
            (AggregateKind.MinBy, _) => ("arg_min", Fields(isNull, isNumber, plain)),
            _ => ("arg_min", Fields(isNull, isNumber is null ? null : $"1 - {isNumber}", negated)),
        };
        string chosen = _parts.Group("ch", $"{fn}({{{Carried}}}, row({string.Join(", ", fields)}, {Order})){Passing()}");
        Choose(chosen, failure?.Message);
    }

    private static string[] Fields(params string?[] fields) => fields.Where(f => f is not null).Select(f => f!).ToArray();

    /// <summary>
    /// The chosen row's fields: value, value error (when the value can fail) and, for floats, the sign bit, because
    /// arg_min/arg_max carry their argument through DuckDB's sort-key encoding, which turns -0 into +0.
    /// </summary>
    private string Carried => $"'v': {V}" + (_valueError is null ? "" : $", 'e': {_valueError}") + (ValueType.IsFloat() ? $", 'z': signbit({V})" : "");

    /// <summary>The chosen row's value; the error is an earlier enumeration error, else the chosen row's value error, else the empty sequence's.</summary>
    private void Choose(string chosen, string? earlier)
    {
        string v = SqlText.Field(chosen, "v");
        _parts.Value = ValueType.IsFloat()
            ? $"CASE WHEN {v} = 0 AND {SqlText.Field(chosen, "z")} THEN CAST('-0.0' AS {DuckDbSqlTranslator.SqlType(ValueType)}) ELSE {v} END"
            : v;
        string empty = _agg.FailOnEmpty ? $" WHEN {chosen} IS NULL THEN {SqlText.Str(AggregateExpr.NoElementsMessage)}" : "";
        string chosenError = _valueError is null ? "" : $" WHEN {chosen} IS NOT NULL THEN {SqlText.Field(chosen, "e")}";
        earlier = AggregateParts.FirstError(_unranked, earlier);
        string? error = earlier is null ? null : $" WHEN ({earlier}) IS NOT NULL THEN {earlier}";
        string whens = (error ?? "") + chosenError + empty;
        _parts.Error = whens.Length == 0 ? null : $"CASE{whens} END";
    }
}
