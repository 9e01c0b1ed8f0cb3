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
                result = await Fetch.Source.QueryAsync(Query, keys.Parameters(keyBatch, [KeyType]), context.CancellationToken).ConfigureAwait(false);
                columns = SqlResultColumns.From(result);
                var order = ChildRowOrder.Create(columns, Fetch, Child);
                (parentRows, pick) = ChildRowSelection.Select(columns.ParameterRow, keys.FirstRowOfKey.Count, keys.KeyOfRow, order, asOf);
            }
            state = new FrameState(pick.Length);
            foreach (var c in Fetch.Columns)
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
