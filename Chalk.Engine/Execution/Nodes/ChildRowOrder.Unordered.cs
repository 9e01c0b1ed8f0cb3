using Apache.Arrow;

namespace Chalk.Execution.Nodes;

internal sealed partial class ChildRowOrder
{
    /// <summary>Per fetched row, its parent row, or -1 when the row is not visible at that parent's query time (a null
    /// time); null when some row's visibility needs more than comparing raw microseconds (a time outside
    /// <see cref="DateTime"/>'s range, which fails there, or a time column of another type), or the key has nulls (they
    /// go first in key order): <see cref="ChildRowSelection.Select"/> then decides, row by row, as always.</summary>
    /// <param name="parentOfRow">Per fetched row, its key's only parent row.</param>
    /// <param name="asOf">The parent rows' query times.</param>
    public int[]? VisibleParents(int[] parentOfRow, ParentQueryTimes asOf)
    {
        if (_key is { NullCount: > 0 }) return null;
        if (_time is null) return parentOfRow;
        if (!_microsTime) return null;
        var time = (TimestampArray)_time;
        var values = time.Values;
        bool nulls = time.NullCount > 0;
        for (int r = 0; r < parentOfRow.Length; r++)
        {
            if (nulls && time.IsNull(r))
            {
                parentOfRow[r] = -1;
                continue;
            }
            long t = values[r];
            if (!asOf.TryMicros(parentOfRow[r], out long limit) || !MicrosInRange(t)) return null;
            if (t > limit) parentOfRow[r] = -1;
        }
        return parentOfRow;
    }
}
