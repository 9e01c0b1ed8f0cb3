namespace Chalk.Execution;

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
        return new ChildFrame(parents.ToArray(), State.Take(rows, Arrow.ArrowRows.Inverse(rows, State.RowCount)));
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
