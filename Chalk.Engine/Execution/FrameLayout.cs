using Chalk.Planning.Logical;

namespace Chalk.Execution;

/// <summary>Where each column and child frame of one frame lives in its <see cref="FrameState"/>: a slot index per
/// <see cref="ColumnId"/>, assigned once per plan by the binder (<see cref="Planning.Binding.PlanBinder"/>).</summary>
/// <remarks>
/// <code>
///   slot:    0               1           2             3                 …
///   column:  query time      review.id   review#exists review#found:…    …      (IArrowArray?[] in FrameState)
///   frame:   user.transactions …                                                 (ChildFrame?[] in FrameState)
/// </code>
/// The query time is always slot 0, so a has-many fetch writes its child frame's times without a lookup.
/// </remarks>
internal sealed class FrameLayout
{
    /// <summary>The slot of <see cref="ColumnId.QueryTime"/> in every layout.</summary>
    public const int QueryTimeSlot = 0;

    private readonly Dictionary<ColumnId, int> _columns = [];
    private readonly Dictionary<ColumnId, int> _frames = [];
    private readonly List<ColumnId> _columnList = [];
    private readonly List<ColumnId> _frameList = [];

    /// <summary>A layout holding the query time and <paramref name="columns"/> (child frames among them go to frame slots).</summary>
    public FrameLayout(IEnumerable<ColumnId> columns)
    {
        Add(ColumnId.QueryTime);
        foreach (var c in columns) Add(c);
    }

    /// <summary>The columns, by slot.</summary>
    public IReadOnlyList<ColumnId> Columns => _columnList;

    /// <summary>The child frames (has-many relations), by frame slot.</summary>
    public IReadOnlyList<ColumnId> Frames => _frameList;

    /// <summary>Gives <paramref name="column"/> a slot if it has none; returns its slot (a frame slot for a relation).</summary>
    public int Add(ColumnId column)
    {
        var (slots, list) = column.Kind == ColumnKind.Relation ? (_frames, _frameList) : (_columns, _columnList);
        if (slots.TryGetValue(column, out int slot)) return slot;
        slot = list.Count;
        slots[column] = slot;
        list.Add(column);
        return slot;
    }

    /// <summary>The slot of a column.</summary>
    /// <exception cref="ChalkInternalException">The binder gave it none: a plan reads a column nobody bound.</exception>
    public int SlotOf(ColumnId column)
        => _columns.TryGetValue(column, out int slot) ? slot : throw new ChalkInternalException($"column {column} has no slot in the frame");

    /// <summary>The frame slot of a has-many relation's child frame.</summary>
    /// <exception cref="ChalkInternalException">The binder gave it none.</exception>
    public int FrameSlotOf(ColumnId frame)
        => _frames.TryGetValue(frame, out int slot) ? slot : throw new ChalkInternalException($"child frame {frame} has no slot in the frame");

    /// <summary>Whether the column has a slot.</summary>
    public bool TryGetSlot(ColumnId column, out int slot) => _columns.TryGetValue(column, out slot);
}
