using System.Collections.Concurrent;
using Apache.Arrow;
using Chalk.Planning.Logical;

namespace Chalk.Execution;

/// <summary>The columns computed so far for one frame: the query's rows, or a has-many relation's child rows, in the
/// slots its <see cref="FrameLayout"/> assigns.</summary>
/// <remarks>
/// The nodes of one level run concurrently and each writes its own slots (the planner gives every column one writer),
/// so plain arrays are enough: the executor awaits a level before the next one reads, and that await publishes the
/// writes. Row errors and missing rows are queued, since several nodes report them at once.
/// </remarks>
internal sealed class FrameState
{
    private readonly IArrowArray?[] _columns;
    private readonly ChildFrame?[] _children;

    public FrameState(FrameLayout layout, int rowCount)
    {
        Layout = layout;
        RowCount = rowCount;
        _columns = new IArrowArray?[layout.Columns.Count];
        _children = new ChildFrame?[layout.Frames.Count];
    }

    public FrameLayout Layout { get; }

    public int RowCount { get; }

    public ConcurrentQueue<FeatureError> Errors { get; } = new();

    /// <summary>Rows found not to exist; only the query's own frame reports them.</summary>
    public ConcurrentQueue<MissingRow> Missing { get; } = new();

    /// <exception cref="ChalkInternalException">The column was read before a node computed it.</exception>
    public IArrowArray Column(int slot) => _columns[slot] ?? throw Unset(slot);

    /// <summary>The column by identity, for readers outside the plan's nodes (results, store writes, per-row objects).</summary>
    public IArrowArray Column(ColumnId column) => Column(Layout.SlotOf(column));

    public bool TryGetColumn(int slot, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IArrowArray? column)
    {
        column = _columns[slot];
        return column is not null;
    }

    public void SetColumn(int slot, IArrowArray column) => _columns[slot] = column;

    public void SetColumn(ColumnId column, IArrowArray array) => SetColumn(Layout.SlotOf(column), array);

    /// <exception cref="ChalkInternalException">The child frame was read before it was fetched.</exception>
    public ChildFrame Child(int slot)
        => _children[slot] ?? throw new ChalkInternalException($"child frame {Layout.Frames[slot]} was read before it was fetched");

    public ChildFrame Child(ColumnId frame) => Child(Layout.FrameSlotOf(frame));

    public void SetChild(int slot, ChildFrame frame) => _children[slot] = frame;

    /// <summary>The columns in <paramref name="slots"/> as one batch, in that order, named by their columns.</summary>
    public RecordBatch Batch(IReadOnlyList<int> slots)
    {
        var arrays = new IArrowArray[slots.Count];
        var fields = new Field[slots.Count];
        for (int i = 0; i < slots.Count; i++)
        {
            arrays[i] = Column(slots[i]);
            fields[i] = new Field(Layout.Columns[slots[i]].Name, arrays[i].Data.DataType, true);
        }
        return new RecordBatch(new Schema(fields, null), arrays, RowCount);
    }

    /// <summary>The frame's rows <paramref name="rows"/> (in that order), with the row errors and child frames that
    /// belong to them; <paramref name="inner"/> gives each of this frame's rows its new index, or -1.</summary>
    internal FrameState Take(int[] rows, int[] inner)
    {
        var state = new FrameState(Layout, rows.Length);
        for (int s = 0; s < _columns.Length; s++)
        {
            if (_columns[s] is { } column) state._columns[s] = Arrow.ArrowRows.Take(column, rows);
        }
        for (int s = 0; s < _children.Length; s++)
        {
            if (_children[s] is { } child) state._children[s] = child.Restrict(inner);
        }
        foreach (var e in Errors)
            if (inner[e.Row] >= 0) state.Errors.Enqueue(e with { Row = inner[e.Row] });
        return state;
    }

    private ChalkInternalException Unset(int slot) => new($"column {Layout.Columns[slot]} was read before it was computed");
}
