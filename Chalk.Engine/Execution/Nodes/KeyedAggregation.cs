using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Planning.Physical;
using Chalk.Resolvers;
using Chalk.Sql.Sources;

namespace Chalk.Execution.Nodes;

/// <summary>The few-keys form of a pushed-down aggregation: each key's child rows fetched by the resolver filtered on
/// the relation's foreign key (a point query, which an index on that column serves without scanning the table), then
/// aggregated in the engine.</summary>
/// <remarks>
/// DuckDB spends milliseconds on the grouped statement over a loaded key table whatever the number of keys (it plans
/// and runs a join and hash aggregates over the whole child table), while a filtered fetch of one key's rows costs a
/// fraction of one. An online query has one key, so it takes this path; a batch keeps the grouped statement. Both give
/// the same values: the in-engine aggregation is the reference the pushed-down SQL is verified against.
/// </remarks>
internal sealed class KeyedAggregation
{
    /// <summary>Up to this many parent rows take the fetch; the source runs one prepared point query per key.</summary>
    public const int MaxRows = 4;

    public required SqlResolverDefinition Fetch { get; init; }

    /// <summary>The fetch filtered by the foreign key, selecting only what the aggregates and the row order read.</summary>
    public required SqlQuery Query { get; init; }

    public required FeatureClassDefinition Child { get; init; }

    public required IReadOnlyList<SqlColumnBinding> Columns { get; init; }

    public required string OrderColumn { get; init; }

    /// <summary>The slots of the fetched rows' frame: the fetched columns and the query time.</summary>
    public required FrameLayout Layout { get; init; }

    /// <summary>Per <see cref="Columns"/>, its slot in <see cref="Layout"/>.</summary>
    public required IReadOnlyList<int> ColumnSlots { get; init; }

    /// <summary>The slots the aggregates read (with the order column and the query time), in the batch they get.</summary>
    public required IReadOnlyList<int> ChildSlots { get; init; }

    public required IReadOnlyList<AggregateExpr> Aggregates { get; init; }

    public static KeyedAggregation Create(SqlResolverDefinition fetch, FeatureDefinition relation, IReadOnlyList<AggregateExpr> aggregates)
    {
        var child = relation.Target!;
        var read = aggregates.SelectMany(AggregateNodes.ChildColumns).ToHashSet(StringComparer.Ordinal);
        var columns = fetch.Columns.Where(c => !c.Feature.IsComputed
            && (read.Contains(c.Feature.Path) || c.Feature == child.PrimaryKey || c.Feature == child.TimeFeature)).ToList();
        // The aggregates name the child columns they read; the fetch writes them under their identities.
        var root = PlanNode.Root(child);
        var layout = new FrameLayout(columns.Select(c => root.Column(c.Feature)));
        var fetched = layout.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        ColumnId Fetched(string name) => fetched.TryGetValue(name, out var id) ? id
            : throw new ChalkInternalException($"the aggregates over {relation.Path} read {name}, which the keyed fetch does not select");
        return new KeyedAggregation
        {
            Fetch = fetch,
            Query = SqlResolverBinder.FilteredBy(fetch, relation.ForeignKey!, columns.Select(c => c.Column).ToList()),
            Child = child,
            Columns = columns,
            OrderColumn = child.PrimaryKey!.Path,
            Layout = layout,
            ColumnSlots = columns.Select(c => layout.SlotOf(root.Column(c.Feature))).ToList(),
            ChildSlots = read.Append(child.PrimaryKey.Path).Append(QueryTime.Column).Distinct().Select(n => layout.SlotOf(Fetched(n))).ToList(),
            Aggregates = aggregates,
        };
    }

    /// <param name="input">The parents' keys (column 0) and query times (column 1).</param>
    /// <param name="keyType">The parents' key type.</param>
    /// <param name="outputs">The node's outputs: value and error column per aggregate.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async Task<RecordBatch> RunAsync(RecordBatch input, FeatureType keyType, IReadOnlyList<ColumnId> outputs, CancellationToken cancellationToken)
    {
        var (parentRows, rows) = await ChildRowFetch.FetchAsync(input, Fetch, Query, keyType, Child, Columns, Layout, ColumnSlots, cancellationToken).ConfigureAwait(false);
        rows.SetColumn(FrameLayout.QueryTimeSlot, Arrow.ArrowTake.Take(input.Column(1), parentRows, QueryTime.Type));
        return ArrowAggregateNode.Aggregate(rows.Batch(ChildSlots), parentRows, input.Length, OrderColumn, Aggregates, outputs, cancellationToken);
    }
}
