using System.Buffers;

namespace Chalk.Expressions.Aggregation;

/// <summary>Orders row indices by a primitive key with ties in row order: LINQ's stable <c>OrderBy</c> over rows that
/// arrived in row order.</summary>
/// <remarks>Public so that every ordering of child rows by key (the aggregator's groups, the engine's has-many rows) uses this one rule.</remarks>
public static class StableKeyOrder
{
    /// <summary>Sorts <paramref name="rows"/> (ascending row indices) by <c>keys[row]</c>; equal keys keep ascending row order.</summary>
    /// <remarks>Sources usually return rows in key order already, so a group that is in order costs one pass and no sort.</remarks>
    /// <param name="rows">Row indices in ascending order; sorted in place.</param>
    /// <param name="keys">The key of every row, indexed by row.</param>
    public static void Sort<T>(Span<int> rows, ReadOnlySpan<T> keys) where T : unmanaged, IComparable<T>
    {
        if (InOrder(rows, keys)) return;
        var scratch = ArrayPool<T>.Shared.Rent(rows.Length);
        var rowKeys = scratch.AsSpan(0, rows.Length);
        for (int k = 0; k < rows.Length; k++) rowKeys[k] = keys[rows[k]];
        rowKeys.Sort(rows);
        // The sort is not stable: put equal keys back in row order.
        for (int k = 0; k < rows.Length;)
        {
            int end = k + 1;
            while (end < rows.Length && rowKeys[end].CompareTo(rowKeys[k]) == 0) end++;
            if (end - k > 1) rows[k..end].Sort();
            k = end;
        }
        ArrayPool<T>.Shared.Return(scratch);
    }

    private static bool InOrder<T>(ReadOnlySpan<int> rows, ReadOnlySpan<T> keys) where T : unmanaged, IComparable<T>
    {
        for (int k = 1; k < rows.Length; k++)
        {
            if (keys[rows[k]].CompareTo(keys[rows[k - 1]]) < 0) return false;
        }
        return true;
    }
}
