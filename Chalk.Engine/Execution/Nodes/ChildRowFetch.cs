using Apache.Arrow;
using Chalk.Definitions;
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
    /// <returns>Per child frame row its parent row, and the frame's columns (no query time yet).</returns>
    public static async Task<(int[] ParentRows, FrameState Rows)> FetchAsync(RecordBatch input, SqlResolverDefinition fetch, SqlQuery query,
        FeatureType keyType, FeatureClassDefinition child, IReadOnlyList<SqlColumnBinding> columns, FrameLayout layout, IReadOnlyList<int> slots, CancellationToken cancellationToken,
        string? keyListColumn = null)
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
        using var result = await fetch.Source.QueryAsync(query, keyListColumn is null ? parameters : KeyList.Parameters((Int64Array)parameters.Column(0)),
            cancellationToken).ConfigureAwait(false);
        var fetched = SqlResultColumns.From(result);
        var keyOfChild = keyListColumn is null ? fetched.ParameterRow : KeyList.KeyOfRows((Int64Array)parameters.Column(0), fetched.Raw(keyListColumn), fetch.Name);
        var order = ChildRowOrder.Create(fetched, fetch, child);
        var (parentRows, pick) = ChildRowSelection.Select(keyOfChild, keys.FirstRowOfKey.Count, keys.KeyOfRow, order, ParentQueryTimes.Of(input));
        var state = new FrameState(layout, pick.Length);
        for (int i = 0; i < columns.Count; i++)
            state.SetColumn(slots[i], fetched.Gather(columns[i].Column, columns[i].Feature, pick, fetch.Origin, fetch.SourceName));
        return (parentRows, state);
    }
}
