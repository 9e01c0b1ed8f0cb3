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

    public override bool ComputesInProcess => true;

    public override string Path => "aggregate (in engine)";

    public override string Describe()
        => $"Aggregate {FrameName} in engine over Arrow: " + string.Join("; ", Aggregates.Select(a => $"{a.Aggregate} (not pushed down: {a.Reason})"));

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<string, ChildFrame> children, QueryContext context)
    {
        var frame = children[FrameName];
        var rows = frame.State.Batch(ChildColumns);
        var aggregates = Aggregates.Select(a => a.Aggregate).ToList();
        return Task.FromResult(new NodeOutput(Aggregate(rows, frame.ParentRows, input.Length, OrderColumn, aggregates, Outputs, context.CancellationToken), []));
    }

    /// <summary>The aggregates over child rows as node outputs: per aggregate its value column and its error column.</summary>
    /// <param name="rows">The child rows' columns (those the aggregates read, the order column and the query time).</param>
    /// <param name="parentRows">Per child row, its parent row.</param>
    /// <param name="parentCount">The number of parent rows (output rows).</param>
    /// <param name="orderColumn">The child primary key column.</param>
    /// <param name="aggregates">The aggregates.</param>
    /// <param name="outputs">The output names: value and error column per aggregate.</param>
    /// <param name="cancellationToken">Cancels the aggregation.</param>
    public static RecordBatch Aggregate(RecordBatch rows, ReadOnlySpan<int> parentRows, int parentCount, string orderColumn,
        IReadOnlyList<AggregateExpr> aggregates, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        var result = ArrowAggregator.Aggregate(rows, parentRows, parentCount, orderColumn, aggregates, cancellationToken);
        var arrays = new List<IArrowArray>();
        for (int i = 0; i < aggregates.Count; i++)
        {
            arrays.Add(result.Values[i]);
            arrays.Add(AggregateOutputs.Messages(result.RowErrors[i], parentCount));
        }
        return AggregateOutputs.Batch(outputs, arrays, parentCount);
    }
}
