using Apache.Arrow;
using Chalk.Execution.Arrow;
using Chalk.Expressions;
using Chalk.Expressions.Aggregation;
using Chalk.Planning.Logical;

namespace Chalk.Execution.Nodes;

/// <summary>Computes aggregates over a has-many relation's fetched child rows in the engine (vectorized over Arrow):
/// for aggregates with no faithful SQL, children that are computed features, sources other than DuckDB, and
/// aggregates of the child rows' own aggregates (nested, see <c>NestedAggregates</c>).</summary>
internal sealed class ArrowAggregateNode : PhysicalNode
{
    public required ColumnId FrameName { get; init; }

    /// <summary>The child frame's primary key column, which orders rows for ties and First/Last.</summary>
    public required string OrderColumn { get; init; }

    /// <summary>The aggregates as lifted, with why each is not pushed down (for plans).</summary>
    public required IReadOnlyList<(AggregateExpr Aggregate, string Reason)> Aggregates { get; init; }

    /// <summary>The aggregates as computed: nested ones read their inner aggregates' value columns, on the usual run where
    /// no inner aggregate failed; null when none is nested.</summary>
    public IReadOnlyList<AggregateExpr>? Computed { get; init; }

    /// <summary>The same with the inner aggregates' error columns read too (<c>or_error</c>), for a run where one failed.</summary>
    public IReadOnlyList<AggregateExpr>? ComputedWithErrors { get; init; }

    /// <summary>The child frame's error columns of the inner aggregates.</summary>
    public IReadOnlyList<ColumnId> InnerErrorColumns { get; init; } = [];

    /// <summary>The child frame columns the aggregates read, with the order column and the query time.</summary>
    public required IReadOnlyList<ColumnId> ChildColumns { get; init; }

    private int[]? _childSlots;
    private int[] _innerErrorSlots = [];

    public override bool ComputesInProcess => true;

    public override string Path => "aggregate (in engine)";

    public override string Describe()
        => $"Aggregate {FrameName} in engine over Arrow: " + string.Join("; ", Aggregates.Select(a => $"{a.Aggregate} (not pushed down: {a.Reason})"));

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var frame = children[FrameName];
        var rows = frame.State.Batch(_childSlots ?? throw new ChalkInternalException($"{Describe()} ran before its child frame was bound"));
        var aggregates = Computed ?? Aggregates.Select(a => a.Aggregate).ToList();
        if (_innerErrorSlots.Any(s => frame.State.Column(s).NullCount < frame.State.RowCount))
        {
            aggregates = ComputedWithErrors!;
            rows = WithMessageColumns(rows);
        }
        (rows, aggregates) = ChildFeatureErrors.Apply(rows, frame.State, aggregates);
        return Task.FromResult(new NodeOutput(Aggregate(rows, frame.ParentRows, input.Length, OrderColumn, aggregates, Outputs, context.CancellationToken), []));
    }

    /// <summary>Resolves <see cref="ChildColumns"/> and <see cref="InnerErrorColumns"/> to the child frame's slots.</summary>
    public void BindChildFrame(FrameLayout layout)
    {
        _childSlots = ChildColumns.Select(layout.SlotOf).ToArray();
        _innerErrorSlots = InnerErrorColumns.Select(layout.SlotOf).ToArray();
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
        IReadOnlyList<AggregateExpr> aggregates, IReadOnlyList<ColumnId> outputs, CancellationToken cancellationToken)
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

    // An inner aggregate that failed on no row has a null-typed error column; or_error reads it as strings.
    private RecordBatch WithMessageColumns(RecordBatch rows)
    {
        var fields = rows.Schema.FieldsList.ToList();
        var arrays = Enumerable.Range(0, rows.ColumnCount).Select(rows.Column).ToList();
        for (int i = 0; i < fields.Count; i++)
        {
            if (arrays[i] is not NullArray || !InnerErrorColumns.Any(c => c.Name == fields[i].Name)) continue;
            arrays[i] = ArrowScatter.AllNull(AggregateOutputs.MessageType, rows.Length);
            fields[i] = new Field(fields[i].Name, arrays[i].Data.DataType, true);
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows.Length);
    }
}
