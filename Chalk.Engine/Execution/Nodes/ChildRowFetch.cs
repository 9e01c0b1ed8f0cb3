using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Resolvers;
using Chalk.Sql.Sources;

namespace Chalk.Execution.Nodes;

/// <summary>Fetches a has-many relation's child rows for its parents' keys: per parent row, its key's rows that are
/// visible at its query time, in the child's key order (<see cref="ChildRowSelection"/>), with the fetched columns
/// converted to their features' types, each the child class's feature at the frame's root (<c>child.feature</c>).</summary>
internal static class ChildRowFetch
{
    /// <param name="input">The parents' keys (column 0) and query times (column 1).</param>
    /// <param name="fetch">The child's SQL resolver.</param>
    /// <param name="query">The fetch, filtered by the relation's foreign key (one parameter: the parent's key).</param>
    /// <param name="keyType">The parents' key type.</param>
    /// <param name="child">The child class.</param>
    /// <param name="columns">The fetch's columns to gather; <paramref name="query"/> must select them and the columns that order the rows.</param>
    /// <param name="layout">The child frame's slots.</param>
    /// <param name="slots">Per column, its slot in <paramref name="layout"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <param name="keyListColumn">For a fetch of every key in one statement (<see cref="SqlResolverBinder.FilteredByKeyList"/>):
    /// the result column holding each row's key. Null for a fetch per key.</param>
    /// <param name="queryUntil"><paramref name="query"/> with a second parameter, the latest query time of the key's
    /// parent rows, after which it leaves rows out (<see cref="SqlResolverBinder.FilteredByUntil"/>); used for more than
    /// <see cref="BoundedFetchMinKeys"/> keys when every parent row's query time is a microsecond time in
    /// <see cref="DateTime"/>'s range. Null to always use <paramref name="query"/>.</param>
    /// <param name="aggregatedOnly">Whether only in-engine aggregates read the frame (no child plan, no per-row reader),
    /// so its rows may stay in the order fetched (<see cref="ChildRowSelection.SelectInFetchOrder"/>).</param>
    /// <returns>Per child frame row its parent row, and the frame's columns (no query time yet).</returns>
    public static async Task<(int[] ParentRows, FrameState Rows)> FetchAsync(RecordBatch input, SqlResolverDefinition fetch, SqlQuery query,
        FeatureType keyType, FeatureClassDefinition child, IReadOnlyList<SqlColumnBinding> columns, FrameLayout layout, IReadOnlyList<int> slots, CancellationToken cancellationToken,
        string? keyListColumn = null, SqlQuery? queryUntil = null, bool aggregatedOnly = false)
    {
        var keyBatch = new RecordBatch(new Schema([input.Schema.GetFieldByIndex(0)], null), [input.Column(0)], input.Length);
        var keys = KeyIndex.Build(keyBatch, [keyType]);
        if (keys.FirstRowOfKey.Count == 0)
        {
            var none = new FrameState(layout, 0);
            for (int i = 0; i < columns.Count; i++) none.SetColumn(slots[i], Arrow.ArrowTake.Take(new NullArray(0), [], columns[i].Feature.Type!));
            return ([], none);
        }
        var parameters = keys.Parameters(keyBatch, [keyType]);
        var asOf = ParentQueryTimes.Of(input);
        if (keyListColumn is null && queryUntil is not null && keys.FirstRowOfKey.Count > BoundedFetchMinKeys
            && LatestQueryTimes(asOf, input.Length, keys) is { } latest)
        {
            query = queryUntil;
            parameters = new RecordBatch(new Schema([parameters.Schema.GetFieldByIndex(0), new Field("until", latest.Data.DataType, false)], null),
                [parameters.Column(0), latest], parameters.Length);
        }
        using var result = await fetch.Source.QueryAsync(query, keyListColumn is null ? parameters : KeyList.Parameters((Int64Array)parameters.Column(0)),
            cancellationToken).ConfigureAwait(false);
        var fetched = SqlResultColumns.From(result);
        var keyOfChild = keyListColumn is null ? fetched.ParameterRow : KeyList.KeyOfRows((Int64Array)parameters.Column(0), fetched.Raw(keyListColumn), fetch.Name);
        var order = ChildRowOrder.Create(fetched, fetch, child);
        var (parentRows, pick) = (aggregatedOnly ? ChildRowSelection.SelectInFetchOrder(keyOfChild, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys.FirstRowOfKey), keys.KeyOfRow, order, asOf) : null)
            ?? ChildRowSelection.Select(keyOfChild, keys.FirstRowOfKey.Count, keys.KeyOfRow, order, asOf);
        var state = new FrameState(layout, pick.Length);
        for (int i = 0; i < columns.Count; i++)
            state.SetColumn(slots[i], fetched.Gather(columns[i].Column, columns[i].Feature, pick, fetch.Origin, fetch.SourceName));
        return (parentRows, state);
    }

    /// <summary>Fewer keys than this are fetched unbounded: a source answers them per key (or from rows it holds in
    /// memory, <c>DuckDbSource.InMemoryRows</c>, which read one parameter), and rows after a query time cost little there.</summary>
    public const int BoundedFetchMinKeys = 64;

    // Per distinct key, the latest query time of its parent rows, as raw microseconds; null when some parent row's
    // time is missing or outside DateTime's range (the visibility check then decides, or reports it, row by row).
    private static TimestampArray? LatestQueryTimes(ParentQueryTimes asOf, int rows, KeyIndex keys)
    {
        var latest = new long[keys.FirstRowOfKey.Count];
        System.Array.Fill(latest, long.MinValue);
        for (int row = 0; row < rows; row++)
        {
            int k = keys.KeyOfRow[row];
            if (k < 0) continue;
            if (!asOf.TryMicros(row, out long micros)) return null;
            if (micros > latest[k]) latest[k] = micros;
        }
        var builder = ArrowColumnBuilder.For(QueryTime.Type.ArrowType, latest.Length);
        foreach (long micros in latest) builder.AppendTimestamp(micros);
        return (TimestampArray)builder.Build();
    }
}
