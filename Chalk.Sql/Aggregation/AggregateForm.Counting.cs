using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

internal sealed partial class AggregateForm
{
    private const string OverflowMessage = "Arithmetic operation resulted in an overflow.";

    // Count()/LongCount() enumerate every row (filter errors anywhere count); Select(v).Distinct().Count() also
    // evaluates the value of every passing row, and null is one distinct value.
    private void Count()
    {
        if (_agg.Type is not (ExprType.Int32 or ExprType.Int64)) throw Refuse($"its result type {_agg.Type.Name()} is not int32 or int64");
        string n;
        FirstFailure? failure;
        if (_agg.Distinct)
        {
            failure = FirstFailureOf(RowError(_valueError));
            // DuckDB's count(DISTINCT) keeps a second hash table of (group, value) pairs: for integers (and other
            // fixed-width values) counting the unique values of each group's list was cheaper (about 40% of a
            // ten-aggregate statement), and exact since equality is the bytes' equality. For strings it is the other
            // way round (list() copies every string: 1.2x the whole logistics statement), and count(DISTINCT) compares
            // their bytes whatever collation the column declares. Floats keep count(DISTINCT) too: it treats -0/+0
            // and every NaN as equal, as .NET's Equals does, and list_unique does not.
            string distinct = ValueType.IsFloat() || ValueType == ExprType.Utf8
                ? _parts.Group("n", $"count(DISTINCT {V}){Passing()}")
                : _parts.Group("n", $"list_unique(list({V}){Passing()})");
            // A count FILTERed to null rows updates the group only on those (rare) rows, unlike bool_or(V IS NULL).
            string nulls = _parts.Group("hn", $"count(*){Passing($"{V} IS NULL")}");
            n = $"(coalesce({distinct}, 0) + CASE WHEN {nulls} > 0 THEN 1 ELSE 0 END)";
        }
        else
        {
            failure = FirstFailureOf(RowError(null));
            n = $"coalesce({_parts.Group("n", $"count(*){Passing()}")}, 0)";
        }
        if (_agg.Type == ExprType.Int64)
        {
            _parts.Value = n;
            _parts.Error = failure?.Message;
            return;
        }
        // Count() counts in a checked int.
        _parts.Value = $"CASE WHEN {n} <= 2147483647 THEN CAST({n} AS INTEGER) END";
        _parts.Error = AggregateParts.FirstError(failure?.Message, $"CASE WHEN {n} > 2147483647 THEN {SqlText.Str(OverflowMessage)} END");
    }

    // Any(pred) stops at the first passing row: only filter errors before it count.
    private void Any()
    {
        ExpectType(ExprType.Bool);
        var failure = FirstFailureOf(RowError(null));
        if (failure is null)
        {
            // Nothing can fail, so where the first match is does not matter: a count (shared with a Count of the same
            // filter) is cheaper than the least row order.
            _parts.Value = $"(coalesce({_parts.Group("n", $"count(*){Passing()}")}, 0) > 0)";
            return;
        }
        string first = _parts.Group("fp", $"min({Order}){Passing()}");
        _parts.Value = $"({first} IS NOT NULL)";
        _parts.Error = failure.Before(first);
    }

    // Where(f).All(pred) stops at the first passing row whose predicate is false (or null, C#'s lifted false).
    private void All()
    {
        ExpectType(ExprType.Bool);
        string? rowError = RowError(_valueError);
        var failure = FirstFailureOf(rowError);
        string fine = rowError is null ? "" : $" AND {rowError} IS NULL";
        string firstFalse = _parts.Group("ff", $"min({Order}) FILTER (WHERE {SqlText.And(_pass)}{fine} AND NOT coalesce({V}, false))");
        _parts.Value = $"({firstFalse} IS NULL)";
        _parts.Error = failure?.Before(firstFalse);
    }
}
