using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Planning.Logical;
using Chalk.Resolvers;
using Chalk.Sql.Sources;

namespace Chalk.Execution.Nodes;

/// <summary>Fetches a has-many relation's child rows for each parent row's key and runs the child plan over them.</summary>
internal sealed class HasManyNode : PhysicalNode
{
    public required SqlResolverDefinition Fetch { get; init; }

    public required SqlQuery Query { get; init; }

    /// <summary><see cref="Query"/> also filtered by each key's latest query time (<see cref="SqlResolverBinder.FilteredByUntil"/>),
    /// for fetches of many keys; null when the source or the child's time column cannot take that filter.</summary>
    public SqlQuery? QueryUntil { get; init; }

    public required FeatureType KeyType { get; init; }

    public required FeatureClassDefinition Child { get; init; }

    public required PhysicalPlan ChildPlan { get; init; }

    public required ColumnId FrameName { get; init; }

    /// <summary>Per <see cref="Columns"/>, its slot in the child frame (set by the binder).</summary>
    public IReadOnlyList<int> ColumnSlots { get; set; } = [];

    /// <summary>For a fetch of every key in one statement (<see cref="SqlResolverBinder.FilteredByKeyList"/>): the
    /// result column holding each row's key, which matches it to its parameter row. Null for a fetch per key.</summary>
    public string? KeyListColumn { get; init; }

    /// <summary>The columns of <see cref="Fetch"/> the child frame holds: those its plan reads, the key and the time.</summary>
    public required IReadOnlyList<SqlColumnBinding> Columns { get; init; }

    /// <summary>Whether the frame is read only by in-engine aggregates, which order its rows themselves: no child plan
    /// node runs over it and no per-row resolver reads it (set by the binder).</summary>
    public bool AggregatedOnly { get; set; }

    public override string Path => "has-many";

    public override string Describe()
        => $"HasMany {FrameName} via {Fetch.Name} on {Fetch.SourceName} ({Fetch.Source.Kind}) key {Inputs[0]}\n      {Query.Template.ToString().ReplaceLineEndings(" ")}"
            + (QueryUntil is null ? "" : $"\n      more than {ChildRowFetch.BoundedFetchMinKeys} keys: {QueryUntil.Template.ToString().ReplaceLineEndings(" ")}")
            + (AggregatedOnly ? "\n      read only by in-engine aggregates: rows stay in fetch order when each key has one parent row" : "");

    public override async Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var (parentRows, state) = await ChildRowFetch.FetchAsync(input, Fetch, Query, KeyType, Child, Columns, ChildPlan.Layout, ColumnSlots, context.CancellationToken,
            KeyListColumn, QueryUntil, AggregatedOnly).ConfigureAwait(false);
        state.SetColumn(FrameLayout.QueryTimeSlot, Arrow.ArrowTake.Take(input.Column(1), parentRows, QueryTime.Type));
        await PlanExecutor.RunAsync(ChildPlan, state, context).ConfigureAwait(false);
        var frame = new ChildFrame(parentRows, state);
        var errors = state.Errors.Select(e => e with { Feature = FrameName.Name + e.Feature[Child.Name.Length..], Row = frame.ParentRows[e.Row] }).ToList();
        var empty = new RecordBatch(new Schema([], null), [], input.Length);
        return new NodeOutput(empty, errors, frame);
    }
}
