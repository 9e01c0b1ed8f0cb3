using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Expressions.Aggregation;

namespace Chalk.Execution.Nodes;

/// <summary>Computes aggregates over a has-many relation's fetched child rows in the engine (vectorized over Arrow):
/// for aggregates with no faithful SQL, children that are computed features, and sources other than DuckDB.</summary>
internal sealed class ArrowAggregateNode : PhysicalNode
{
    public required string FrameName { get; init; }

    /// <summary>The child frame's primary key column, which orders rows for ties and First/Last.</summary>
    public required string OrderColumn { get; init; }

    public required IReadOnlyList<(AggregateExpr Aggregate, string Reason)> Aggregates { get; init; }

    /// <summary>The child frame columns the aggregates read, with the order column and the query time.</summary>
    public required IReadOnlyList<string> ChildColumns { get; init; }

    public override string Path => "aggregate (in engine)";

    public override string Describe()
        => $"Aggregate {FrameName} in engine over Arrow: " + string.Join("; ", Aggregates.Select(a => $"{a.Aggregate} (not pushed down: {a.Reason})"));

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<string, ChildFrame> children, QueryContext context)
    {
        var frame = children[FrameName];
        var rows = frame.State.Batch(ChildColumns);
        var result = ArrowAggregator.Aggregate(rows, frame.ParentRows, input.Length, OrderColumn, Aggregates.Select(a => a.Aggregate).ToList(), context.CancellationToken);
        var arrays = new List<IArrowArray>();
        for (int i = 0; i < Aggregates.Count; i++)
        {
            arrays.Add(result.Values[i]);
            arrays.Add(AggregateOutputs.Messages(result.RowErrors[i], input.Length));
        }
        return Task.FromResult(new NodeOutput(AggregateOutputs.Batch(Outputs, arrays, input.Length), []));
    }
}
