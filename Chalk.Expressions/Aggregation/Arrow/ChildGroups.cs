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
        var (rows, start) = CountingGroups.Build(parentOfChild, parentCount, "parent", nameof(parentOfChild));
        cancellationToken.ThrowIfCancellationRequested();
        for (int p = 0; p < parentCount; p++) StableKeyOrder.Sort(rows.AsSpan(start[p], start[p + 1] - start[p]), keys);
        return new ChildGroups(rows, start);
    }
}
