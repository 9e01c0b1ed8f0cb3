namespace Chalk.Expressions.Aggregation;

/// <summary>The child rows of each parent, in primary-key order: the sequence LINQ would enumerate per parent.</summary>
/// <remarks>
/// A compressed layout: parent <c>p</c>'s rows are <c>Rows[Start[p]..Start[p + 1]]</c>. Built with a stable counting
/// sort by parent (linear), then each parent's slice is checked and, only if out of order, sorted by key; children
/// that arrive in key order (the usual case for a source that returns rows by key) cost no comparison sort.
/// </remarks>
internal sealed class ChildGroups
{
    private ChildGroups(int[] rows, int[] start)
    {
        Rows = rows;
        Start = start;
    }

    /// <summary>Child row indices, grouped by parent, each group in key order.</summary>
    public int[] Rows { get; }

    /// <summary>Group offsets into <see cref="Rows"/>; one more than the parent count.</summary>
    public int[] Start { get; }

    public int ParentCount => Start.Length - 1;

    /// <summary>Groups children by parent and orders each group by its key (ties keep batch order).</summary>
    /// <typeparam name="T">The key's primitive type (see <see cref="ChildColumn.Keys{T}"/>).</typeparam>
    /// <exception cref="ArgumentOutOfRangeException">A parent index is below -1 or not below <paramref name="parentCount"/>.</exception>
    public static ChildGroups Build<T>(ReadOnlySpan<int> parentOfChild, int parentCount, ReadOnlySpan<T> keys, CancellationToken cancellationToken)
        where T : unmanaged, IComparable<T>
    {
        var start = new int[parentCount + 1];
        for (int i = 0; i < parentOfChild.Length; i++)
        {
            int p = parentOfChild[i];
            if ((uint)p >= (uint)parentCount)
            {
                if (p == -1) continue;
                throw new ArgumentOutOfRangeException(nameof(parentOfChild), $"child row {i} has parent {p}; parents are 0..{parentCount - 1} (or -1 to drop the row).");
            }
            start[p + 1]++;
        }
        for (int p = 0; p < parentCount; p++) start[p + 1] += start[p];
        var rows = new int[start[parentCount]];
        var next = start.AsSpan(0, parentCount).ToArray();
        for (int i = 0; i < parentOfChild.Length; i++)
        {
            int p = parentOfChild[i];
            if (p >= 0) rows[next[p]++] = i;
        }
        cancellationToken.ThrowIfCancellationRequested();
        T[]? scratch = null;
        for (int p = 0; p < parentCount; p++)
        {
            var group = rows.AsSpan(start[p], start[p + 1] - start[p]);
            if (!InOrder(group, keys)) SortGroup(group, keys, ref scratch);
        }
        return new ChildGroups(rows, start);
    }

    private static bool InOrder<T>(ReadOnlySpan<int> group, ReadOnlySpan<T> keys) where T : unmanaged, IComparable<T>
    {
        for (int k = 1; k < group.Length; k++)
        {
            if (keys[group[k]].CompareTo(keys[group[k - 1]]) < 0) return false;
        }
        return true;
    }

    private static void SortGroup<T>(Span<int> group, ReadOnlySpan<T> keys, ref T[]? scratch) where T : unmanaged, IComparable<T>
    {
        if (scratch is null || scratch.Length < group.Length) scratch = new T[Math.Max(group.Length, 16)];
        var groupKeys = scratch.AsSpan(0, group.Length);
        for (int k = 0; k < group.Length; k++) groupKeys[k] = keys[group[k]];
        groupKeys.Sort(group);
        // The sort is not stable: restore batch order among equal keys (rows were ascending before sorting).
        for (int k = 0; k < group.Length;)
        {
            int end = k + 1;
            while (end < group.Length && groupKeys[end].CompareTo(groupKeys[k]) == 0) end++;
            if (end - k > 1) group[k..end].Sort();
            k = end;
        }
    }
}
