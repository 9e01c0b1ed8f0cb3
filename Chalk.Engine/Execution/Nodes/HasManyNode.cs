using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Resolvers;
using Chalk.Sql.Sources;

namespace Chalk.Execution.Nodes;

/// <summary>Fetches a has-many relation's child rows for each parent row's key and runs the child plan over them.</summary>
internal sealed class HasManyNode : PhysicalNode
{
    public required SqlResolverDefinition Fetch { get; init; }

    public required SqlQuery Query { get; init; }

    public required FeatureType KeyType { get; init; }

    public required FeatureClassDefinition Child { get; init; }

    public required PhysicalPlan ChildPlan { get; init; }

    public required string FrameName { get; init; }

    /// <summary>For a fetch of every key in one statement (<see cref="SqlResolverBinder.FilteredByKeyList"/>): the
    /// result column holding each row's key, which matches it to its parameter row. Null for a fetch per key.</summary>
    public string? KeyListColumn { get; init; }

    /// <summary>The columns of <see cref="Fetch"/> the child frame holds: those its plan reads, the key and the time.</summary>
    public required IReadOnlyList<SqlColumnBinding> Columns { get; init; }

    public override string Path => "has-many";

    public override string Describe()
        => $"HasMany {FrameName} via {Fetch.Name} on {Fetch.SourceName} ({Fetch.Source.Kind}) key {Inputs[0]}\n      {Query.Template.ToString().ReplaceLineEndings(" ")}";

    public override async Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<string, ChildFrame> children, QueryContext context)
    {
        FrameState state;
        var keyBatch = new RecordBatch(new Schema([input.Schema.GetFieldByIndex(0)], null), [input.Column(0)], input.Length);
        var keys = KeyIndex.Build(keyBatch, [KeyType]);
        var asOf = ParentQueryTimes.Of(input);
        int[] parentRows = [], pick = [];
        SqlResult? result = null;
        try
        {
            SqlResultColumns? columns = null;
            if (keys.FirstRowOfKey.Count > 0)
            {
                var parameters = keys.Parameters(keyBatch, [KeyType]);
                result = await Fetch.Source.QueryAsync(Query, KeyListColumn is null ? parameters : KeyList.Parameters((Int64Array)parameters.Column(0)),
                    context.CancellationToken).ConfigureAwait(false);
                columns = SqlResultColumns.From(result);
                var keyOfChild = KeyListColumn is null ? columns.ParameterRow : KeyList.KeyOfRows((Int64Array)parameters.Column(0), columns.Raw(KeyListColumn), Fetch.Name);
                var order = ChildRowOrder.Create(columns, Fetch, Child);
                (parentRows, pick) = ChildRowSelection.Select(keyOfChild, keys.FirstRowOfKey.Count, keys.KeyOfRow, order, asOf);
            }
            state = new FrameState(pick.Length);
            foreach (var c in Columns)
            {
                var name = Child.Name + "." + c.Feature.Name;
                state.Columns[name] = columns is null
                    ? Arrow.ArrowGather.Gather(new NullArray(0), pick, c.Feature.Type!)
                    : columns.Gather(c.Column, c.Feature, pick, Fetch.Origin, Fetch.SourceName);
            }
        }
        finally
        {
            result?.Dispose();
        }
        state.Columns[QueryTime.Column] = Arrow.ArrowTake.Take(input.Column(1), parentRows, QueryTime.Type);
        await PlanExecutor.RunAsync(ChildPlan, state, context).ConfigureAwait(false);
        var frame = new ChildFrame(parentRows, state);
        var errors = state.Errors.Select(e => e with { Feature = FrameName + e.Feature[Child.Name.Length..], Row = frame.ParentRows[e.Row] }).ToList();
        var empty = new RecordBatch(new Schema([], null), [], input.Length);
        return new NodeOutput(empty, errors, frame);
    }
}
