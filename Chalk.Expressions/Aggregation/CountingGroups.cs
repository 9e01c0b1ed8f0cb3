namespace Chalk.Expressions.Aggregation;

/// <summary>Row indices grouped by a group index with a stable counting sort (linear): group <c>g</c>'s rows are
/// <c>Rows[Start[g]..Start[g + 1]]</c>, in ascending row order.</summary>
/// <remarks>Public so that every grouping of child rows (by parent in the aggregator, by fetched key in the engine's has-many node) uses this one pass.</remarks>
public static class CountingGroups
{
    /// <summary>Groups the rows; a row whose group is -1 is dropped.</summary>
    /// <param name="groupOfRow">Each row's group, or -1.</param>
    /// <param name="groupCount">The number of groups.</param>
    /// <param name="what">Names a group in the error message (e.g. <c>parent</c>).</param>
    /// <param name="paramName">The caller's parameter that holds <paramref name="groupOfRow"/>.</param>
    /// <returns>The grouped row indices and the group offsets (one more than <paramref name="groupCount"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A group is below -1 or not below <paramref name="groupCount"/>.</exception>
    public static (int[] Rows, int[] Start) Build(ReadOnlySpan<int> groupOfRow, int groupCount, string what, string paramName)
    {
        var start = new int[groupCount + 1];
        for (int i = 0; i < groupOfRow.Length; i++)
        {
            int g = groupOfRow[i];
            if ((uint)g >= (uint)groupCount)
            {
                if (g == -1) continue;
                throw new ArgumentOutOfRangeException(paramName, $"child row {i} has {what} {g}; {what}s are 0..{groupCount - 1} (or -1 to drop the row).");
            }
            start[g + 1]++;
        }
        for (int g = 0; g < groupCount; g++) start[g + 1] += start[g];
        var rows = new int[start[groupCount]];
        var next = start.AsSpan(0, groupCount).ToArray();
        for (int i = 0; i < groupOfRow.Length; i++)
        {
            int g = groupOfRow[i];
            if (g >= 0) rows[next[g]++] = i;
        }
        return (rows, start);
    }
}
