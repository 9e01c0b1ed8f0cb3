using Chalk.Expressions.Aggregation;

namespace Chalk.Execution.Nodes;

/// <summary>Expands a has-many fetch to child frame rows: for each parent row in order, its key's fetched rows in key
/// order that are visible at its query time.</summary>
/// <remarks>
/// <code>
///   fetched rows ──counting sort by key──▶ rows: [ key 0's rows | key 1's rows | … ]   start[k] .. start[k+1]
///   parent rows ──for each, its key's slice (sorted once, on first use), minus rows invisible at its time──▶ output
/// </code>
/// Linear apart from sorting the slices a source returned out of key order; no value is boxed on the typed paths
/// (<see cref="ChildRowOrder"/>).
/// <para>
/// <c>ArrowAggregator</c> groups and key-orders the rows again, so for an in-engine aggregate alone this order is
/// redundant. It is kept for every plan because the frame has other readers that take its row order as LINQ's
/// sequence order: the per-row fallback builds each parent's <c>DataFrame&lt;T&gt;</c> from the frame's rows in
/// order (<c>ChildFrame.RowsByParent</c>), and nested relations and child plans run over the same frame. Dropping
/// it only for aggregate-only plans would buy little: the aggregator's regrouping finds each group already in
/// order in one pass, and so does <see cref="ChildRowOrder.Sort"/> for the usual source that returns key order.
/// </para>
/// </remarks>
internal static class ChildRowSelection
{
    /// <summary>The child frame's rows: per output row, its parent row and the fetched row it copies.</summary>
    /// <param name="keyOfChild">Per fetched row, the distinct key (parameter row) it was fetched for.</param>
    /// <param name="keyCount">The number of distinct keys.</param>
    /// <param name="keyOfParent">Per parent row, its distinct key, or -1 for none (a null key).</param>
    /// <param name="order">The fetched rows' key order and visibility.</param>
    /// <param name="asOf">The parent rows' query times.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fetched row's key is not below <paramref name="keyCount"/>.</exception>
    public static (int[] ParentRows, int[] ChildRows) Select(ReadOnlySpan<int> keyOfChild, int keyCount, ReadOnlySpan<int> keyOfParent,
        ChildRowOrder order, ParentQueryTimes asOf)
    {
        // Stable: each key's slice is in ascending row (source) order, which breaks ties of the key sort.
        var (rows, start) = CountingGroups.Build(keyOfChild, keyCount, "key", nameof(keyOfChild));
        var sorted = new bool[keyCount];
        // Usually each key has one parent row, so the fetched row count is the output's size.
        var parents = new int[Math.Max(keyOfChild.Length, 1)];
        var children = new int[parents.Length];
        int n = 0;
        for (int row = 0; row < keyOfParent.Length; row++)
        {
            int k = keyOfParent[row];
            if (k < 0 || start[k] == start[k + 1]) continue;
            var group = rows.AsSpan(start[k], start[k + 1] - start[k]);
            if (!sorted[k])
            {
                order.Sort(group);
                sorted[k] = true;
            }
            if (n + group.Length > children.Length)
            {
                int size = Math.Max(children.Length * 2, n + group.Length);
                Array.Resize(ref parents, size);
                Array.Resize(ref children, size);
            }
            int visible = order.Visible(group, row, asOf, children.AsSpan(n));
            parents.AsSpan(n, visible).Fill(row);
            n += visible;
        }
        return (parents.AsSpan(0, n).ToArray(), children.AsSpan(0, n).ToArray());
    }
    /// <summary>The child frame's rows for a frame only aggregated in the engine, which groups and key-orders its rows
    /// itself: the visible fetched rows in the order fetched, or null when this does not apply (a key with several
    /// parent rows, whose rows the frame repeats per parent, or rows <see cref="ChildRowOrder.VisibleParents"/> leaves to
    /// <see cref="Select"/>). Each row is in the frame exactly when <see cref="Select"/> would put it there.</summary>
    /// <param name="keyOfChild">Per fetched row, the distinct key (parameter row) it was fetched for.</param>
    /// <param name="firstRowOfKey">Per distinct key, its first parent row.</param>
    /// <param name="keyOfParent">Per parent row, its distinct key, or -1 for none (a null key).</param>
    /// <param name="order">The fetched rows' visibility.</param>
    /// <param name="asOf">The parent rows' query times.</param>
    /// <exception cref="ArgumentOutOfRangeException">A fetched row's key is not a distinct key.</exception>
    public static (int[] ParentRows, int[] ChildRows)? SelectInFetchOrder(ReadOnlySpan<int> keyOfChild, ReadOnlySpan<int> firstRowOfKey,
        ReadOnlySpan<int> keyOfParent, ChildRowOrder order, ParentQueryTimes asOf)
    {
        int keyed = 0;
        foreach (int k in keyOfParent)
        {
            if (k >= 0) keyed++;
        }
        if (keyed != firstRowOfKey.Length) return null;
        var parentOfRow = new int[keyOfChild.Length];
        for (int r = 0; r < keyOfChild.Length; r++)
        {
            int k = keyOfChild[r];
            if ((uint)k >= (uint)firstRowOfKey.Length) throw new ArgumentOutOfRangeException(nameof(keyOfChild), $"key {k} of row {r} is not below {firstRowOfKey.Length}");
            parentOfRow[r] = firstRowOfKey[k];
        }
        if (order.VisibleParents(parentOfRow, asOf) is not { } visible) return null;
        int n = 0;
        foreach (int p in visible)
        {
            if (p >= 0) n++;
        }
        if (n == visible.Length) return (visible, Identity(n));
        var parents = new int[n];
        var children = new int[n];
        for (int r = 0, i = 0; r < visible.Length; r++)
        {
            if (visible[r] < 0) continue;
            parents[i] = visible[r];
            children[i++] = r;
        }
        return (parents, children);
    }

    private static int[] Identity(int n)
    {
        var rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }
}
