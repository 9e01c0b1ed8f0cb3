using System.Collections.Concurrent;
using Apache.Arrow;
using Chalk.Planning.Logical;

namespace Chalk.Execution;

/// <summary>The columns computed so far for one frame: the query's rows, or a has-many relation's child rows.</summary>
internal sealed class FrameState(int rowCount)
{
    public int RowCount { get; } = rowCount;

    public ConcurrentDictionary<ColumnId, IArrowArray> Columns { get; } = new();

    public ConcurrentDictionary<ColumnId, ChildFrame> Children { get; } = new();

    public ConcurrentQueue<FeatureError> Errors { get; } = new();

    /// <summary>Rows found not to exist; only the query's own frame reports them.</summary>
    public ConcurrentQueue<MissingRow> Missing { get; } = new();

    public IArrowArray Column(ColumnId name)
        => Columns.TryGetValue(name, out var a) ? a : throw new ChalkInternalException($"column {name} was read before it was computed");

    /// <summary>The named columns as one batch, in the given order.</summary>
    public RecordBatch Batch(IReadOnlyList<ColumnId> names)
    {
        var arrays = names.Select(Column).ToList();
        var fields = names.Select((n, i) => new Field(n.Name, arrays[i].Data.DataType, true)).ToList();
        return new RecordBatch(new Schema(fields, null), arrays, RowCount);
    }
}

/// <summary>The child rows of a has-many relation: their columns and, per child row, the parent row it belongs to.</summary>
internal sealed class ChildFrame(int[] parentRows, FrameState state)
{
    public int[] ParentRows { get; } = parentRows;

    public FrameState State { get; } = state;

    /// <summary>The frame over a subset of the parent rows: <paramref name="within"/> gives each parent row's new index,
    /// or -1 for a parent left out, whose child rows (and their own children) are dropped.</summary>
    public ChildFrame Restrict(int[] within)
    {
        var keep = new List<int>(ParentRows.Length);
        var parents = new List<int>(ParentRows.Length);
        for (int i = 0; i < ParentRows.Length; i++)
        {
            int p = within[ParentRows[i]];
            if (p < 0) continue;
            keep.Add(i);
            parents.Add(p);
        }
        if (keep.Count == ParentRows.Length) return new ChildFrame(parents.ToArray(), State);
        var rows = keep.ToArray();
        var state = new FrameState(rows.Length);
        foreach (var (name, column) in State.Columns) state.Columns[name] = Arrow.ArrowRows.Take(column, rows);
        var inner = Arrow.ArrowRows.Inverse(rows, State.RowCount);
        foreach (var (name, child) in State.Children) state.Children[name] = child.Restrict(inner);
        foreach (var e in State.Errors)
            if (inner[e.Row] >= 0) state.Errors.Enqueue(e with { Row = inner[e.Row] });
        return new ChildFrame(parents.ToArray(), state);
    }

    /// <summary>For each parent row, the indices of its child rows in order.</summary>
    public int[][] RowsByParent(int parentCount)
    {
        var counts = new int[parentCount];
        foreach (var p in ParentRows) counts[p]++;
        var result = new int[parentCount][];
        for (int i = 0; i < parentCount; i++) result[i] = new int[counts[i]];
        System.Array.Clear(counts);
        for (int r = 0; r < ParentRows.Length; r++)
        {
            int p = ParentRows[r];
            result[p][counts[p]++] = r;
        }
        return result;
    }
}
