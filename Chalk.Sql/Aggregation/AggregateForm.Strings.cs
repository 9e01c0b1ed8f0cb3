using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

internal sealed partial class AggregateForm
{
    // Strings compare in the culture's order, where distinct strings can be equal ("a\u00ADb" and "ab"): Min/Max keep the
    // first of the smallest/largest in row order. NULLs are skipped.
    private void StringExtreme()
    {
        var failure = FirstFailureOf(RowError(_valueError));
        RankedPick(_valueSql!, "value", _agg.Kind == AggregateKind.Max, tiesLast: false, nullWins: false, failure);
    }

    // OrderBy(k).First().k and the like return the key itself, so they are a Min/Max of ranks too. LINQ's order puts
    // null keys first: OrderBy(k).First() and OrderByDescending(k).Last() return null when a passing key is null.
    // MinBy/MaxBy skip null keys (all null: the first row, whose key is null).
    private void OrderedOwnKey(FirstFailure? failure)
    {
        (bool max, bool last, bool nullWins) = (_agg.Kind, _agg.Descending) switch
        {
            (AggregateKind.MinBy, _) => (false, false, false),
            (AggregateKind.MaxBy, _) => (true, false, false),
            (AggregateKind.First, false) => (false, false, true),
            (AggregateKind.First, true) => (true, false, false),
            (AggregateKind.Last, false) => (true, true, false),
            _ => (false, true, true),
        };
        RankedPick(_keySql!, "ordering key", max, last, nullWins, failure);
    }

    /// <summary>
    /// The string <paramref name="sql"/> with the group's smallest or largest culture rank, as an integer min/max of
    /// ranks turned back into its string by the rank table. Where distinct strings share that rank, the first (or
    /// last) of them in row order is read by a <see cref="TieCheck"/> for just those key rows.
    /// </summary>
    /// <remarks>A string the ranking query did not return takes a rank beyond every real one in the direction of the
    /// pick, so it wins the min/max and fails the key row: a plain min/max, where counting such rows would be one more
    /// filtered aggregate over every child row.</remarks>
    private void RankedPick(string sql, string role, bool max, bool tiesLast, bool nullWins, FirstFailure? failure)
    {
        if (_shared.StringsByBytes)
        {
            BytePick(sql, max, nullWins, failure);
            return;
        }
        var (ranked, table) = _parts.Rank(sql);
        string beyond = max ? int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-1";
        string rank = _parts.Row(max ? "rx" : "rn", $"coalesce({ranked}, CASE WHEN ({sql}) IS NOT NULL THEN {beyond} END)");
        string extreme = _parts.Group("rm", $"{(max ? "max" : "min")}({rank}){Passing()}");
        _unranked = $"CASE WHEN {extreme} = {beyond} THEN {SqlText.Str(UnrankedMessage(role))} END";
        string lookup = _parts.Lookup(table, t => $"{t}.{StringRanking.RankColumn} = {extreme} AND {t}.{StringRanking.FirstColumn}");
        string tied = $"SELECT {StringRanking.RankColumn} FROM {SqlText.Ident(table)} WHERE {StringRanking.TiedColumn}";
        string tie = _parts.TieBreak(_pass, V, rank, extreme, tiesLast, $"{extreme} IN ({tied})");
        string value = $"CASE WHEN {lookup}.{StringRanking.TiedColumn} THEN {tie} ELSE {lookup}.{StringRanking.ValueColumn} END";
        SetPick(value, nullWins, failure);
    }

    /// <summary>
    /// <see cref="RankedPick"/> where the culture orders every string the statement reads as their UTF-8 bytes, with no
    /// two of them equal: a min/max of the bytes, which has no ties to break and no unranked string to fail on.
    /// </summary>
    private void BytePick(string sql, bool max, bool nullWins, FirstFailure? failure)
    {
        string bytes = _parts.Row(max ? "bx" : "bn", $"encode({sql})");
        string extreme = _parts.Group("bm", $"{(max ? "max" : "min")}({bytes}){Passing()}");
        SetPick($"decode({extreme})", nullWins, failure);
        // The ranked form always has an error column (a string without a rank); this one keeps it, so both statements
        // return the same columns.
        _parts.Error ??= "NULL";
    }

    private void SetPick(string value, bool nullWins, FirstFailure? failure)
    {
        if (nullWins)
        {
            string nulls = _parts.Group("kn", $"count(*){Passing($"{V} IS NULL")}");
            value = $"CASE WHEN {nulls} > 0 THEN NULL ELSE {value} END";
        }
        _parts.Value = value;
        // Counted only where an empty sequence fails: a filtered count is one more aggregate over every child row.
        string? empty = _agg.FailOnEmpty ? AggregateParts.EmptyError(_agg, $"coalesce({_parts.Group("pn", $"count(*){Passing()}")}, 0) = 0") : null;
        _parts.Error = AggregateParts.FirstError(_unranked, failure?.Message, empty);
    }
}
