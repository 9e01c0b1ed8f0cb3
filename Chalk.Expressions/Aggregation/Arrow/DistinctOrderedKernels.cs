using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary><c>[OrderBy(k).]Select(x).Distinct().First()</c> and <c>.Last()</c>.</summary>
/// <remarks>
/// <para>
/// Distinct streams values in order of first occurrence, so its <c>First()</c> is the plain first value and its
/// <c>Last()</c> is the value whose <em>first</em> occurrence comes last, which needs the selector on every row.
/// </para>
/// <para>
/// With a key, Distinct enumerates the ordered sequence the general way (not the single-pass <c>First</c>/<c>Last</c>):
/// .NET buffers the filtered rows, then computes every key, then sorts (stable) and yields. So the filter is read on
/// every row before any key, and every key before any value; an error is the first one in that sequence.
/// </para>
/// </remarks>
internal static class DistinctOrderedKernels
{
    public static IArrowArray Run(AggregateInputs a)
    {
        bool last = a.Aggregate.Kind == AggregateKind.Last;
        int[] chosen;
        if (a.Order is null) chosen = last ? KeylessLast(a) : OrderedKernels.Keyless(a, last: false);
        else chosen = a.Order.Type switch
        {
            ExprType.Float32 => Keyed<float>(a, last),
            ExprType.Float64 => Keyed<double>(a, last),
            ExprType.Bool => Keyed<byte>(a, last),
            ExprType.Int32 or ExprType.Utf8 => Keyed<int>(a, last),
            _ => Keyed<long>(a, last),
        };
        return a.Output.Gather(a.Value!, chosen);
    }

    private static int[] KeylessLast(AggregateInputs a)
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var value = a.Value!;
        var ids = value.DistinctIds();
        var seen = new HashSet<int>();
        var chosen = new int[a.Groups.ParentCount];
        for (int p = 0; p < chosen.Length; p++)
        {
            a.Poll(p);
            seen.Clear();
            int best = -1;
            string? error = null;
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if ((error = AggregateInputs.ErrorAt(a.FilterErrors, r)) is not null) break;
                if (!AggregateInputs.Bit(a.Pass, r)) continue;
                if ((error = AggregateInputs.ErrorAt(value.Errors, r)) is not null) break;
                if (seen.Add(ids[r])) best = r;
            }
            chosen[p] = OrderedKernels.Finish(a, p, best, error);
        }
        return chosen;
    }

    private static int[] Keyed<T>(AggregateInputs a, bool last) where T : unmanaged, IComparable<T>
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var order = a.Order!;
        var keys = order.Keys<T>();
        var value = a.Value!;
        var ids = value.DistinctIds();
        var seen = new HashSet<int>();
        var passing = new List<int>();
        bool descending = a.Aggregate.Descending;
        var chosen = new int[a.Groups.ParentCount];
        for (int p = 0; p < chosen.Length; p++)
        {
            a.Poll(p);
            passing.Clear();
            string? error = null;
            for (int k = start[p]; k < start[p + 1] && error is null; k++)
            {
                int r = rows[k];
                error = AggregateInputs.ErrorAt(a.FilterErrors, r);
                if (error is null && AggregateInputs.Bit(a.Pass, r)) passing.Add(r);
            }
            for (int k = 0; k < passing.Count && error is null; k++) error = AggregateInputs.ErrorAt(order.Errors, passing[k]);
            int best = -1;
            if (error is null && passing.Count > 0)
            {
                var sorted = Sort(passing, keys, order, descending);
                if (!last) best = sorted[0];
                seen.Clear();
                for (int k = 0; last && k < sorted.Length; k++)
                {
                    if ((error = AggregateInputs.ErrorAt(value.Errors, sorted[k])) is not null) break;
                    if (seen.Add(ids[sorted[k]])) best = sorted[k];
                }
            }
            chosen[p] = OrderedKernels.Finish(a, p, best, error);
        }
        return chosen;
    }

    /// <summary>A stable sort of the rows by key (null first; descending reverses keys but not ties).</summary>
    private static int[] Sort<T>(List<int> passing, ReadOnlySpan<T> keys, ChildColumn order, bool descending) where T : unmanaged, IComparable<T>
    {
        var positions = new int[passing.Count];
        var rowKeys = new T[passing.Count];
        var hasKey = new bool[passing.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            positions[i] = i;
            rowKeys[i] = keys[passing[i]];
            hasKey[i] = order.IsValid(passing[i]);
        }
        System.Array.Sort(positions, (x, y) =>
        {
            int c = hasKey[x] && hasKey[y] ? rowKeys[x].CompareTo(rowKeys[y]) : hasKey[x].CompareTo(hasKey[y]);
            if (descending) c = -c;
            return c != 0 ? c : x.CompareTo(y);
        });
        return System.Array.ConvertAll(positions, i => passing[i]);
    }
}
