using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary>
/// <c>MinBy(k)?.X</c>, <c>MaxBy(k)?.X</c>, <c>OrderBy(k).First().X</c>, <c>Last()</c> and their descending and keyless
/// forms: per parent the chosen row, then <c>X</c> read on that row only (as LINQ reads the property of the returned row).
/// </summary>
/// <remarks>
/// Keys compare as <see cref="Comparer{T}.Default"/> does for a nullable key: null before every value, NaN before every
/// other number, strings in the current culture's order (distinct strings can tie). The loops mirror .NET's single-pass implementations: <c>MaxBy</c> skips null keys
/// and keeps the first of equal keys (the first row when every key is null); <c>OrderBy(k).First()</c> keeps the first
/// smallest and <c>Last()</c> the last largest (stable sort order), reading filter then key row by row.
/// Distinct first and last are in <see cref="DistinctOrderedKernels"/>.
/// </remarks>
internal static class OrderedKernels
{
    public static IArrowArray Run(AggregateInputs a)
    {
        var agg = a.Aggregate;
        if (a.Aggregate.Distinct) return DistinctOrderedKernels.Run(a);
        int[] chosen;
        if (a.Order is null) chosen = Keyless(a, agg.Kind == AggregateKind.Last);
        else chosen = a.Order.Type switch
        {
            ExprType.Float32 => Keyed<float>(a),
            ExprType.Float64 => Keyed<double>(a),
            ExprType.Bool => Keyed<byte>(a),
            ExprType.Int32 or ExprType.Utf8 => Keyed<int>(a),
            _ => Keyed<long>(a),
        };
        return a.Output.Gather(a.Value!, chosen);
    }

    /// <summary><c>First()</c> stops at the first passing row; <c>Last()</c> reads the filter on every row.</summary>
    internal static int[] Keyless(AggregateInputs a, bool last)
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var chosen = new int[a.Groups.ParentCount];
        for (int p = 0; p < chosen.Length; p++)
        {
            a.Poll(p);
            int best = -1;
            string? error = null;
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if ((error = AggregateInputs.ErrorAt(a.FilterErrors, r)) is not null) break;
                if (!AggregateInputs.Bit(a.Pass, r)) continue;
                best = r;
                if (!last) break;
            }
            chosen[p] = Finish(a, p, best, error);
        }
        return chosen;
    }

    private static int[] Keyed<T>(AggregateInputs a) where T : unmanaged, IComparable<T>
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var order = a.Order!;
        var keys = order.Keys<T>();
        var kind = a.Aggregate.Kind;
        bool by = kind is AggregateKind.MinBy or AggregateKind.MaxBy;
        // Every rule as "replace the current row when cmp(next, current) has this sign": descending flips the sign.
        int sign = by ? (kind == AggregateKind.MaxBy ? 1 : -1) : ((kind == AggregateKind.Last) != a.Aggregate.Descending ? 1 : -1);
        bool orEqual = kind == AggregateKind.Last;
        var chosen = new int[a.Groups.ParentCount];
        for (int p = 0; p < chosen.Length; p++)
        {
            a.Poll(p);
            int best = -1, first = -1;
            string? error = null;
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if ((error = AggregateInputs.ErrorAt(a.FilterErrors, r)) is not null) break;
                if (!AggregateInputs.Bit(a.Pass, r)) continue;
                if ((error = AggregateInputs.ErrorAt(order.Errors, r)) is not null) break;
                if (first < 0) first = r;
                bool hasKey = order.IsValid(r);
                if (by && !hasKey) continue;
                if (best < 0)
                {
                    best = r;
                    continue;
                }
                bool bestHasKey = order.IsValid(best);
                int c = hasKey && bestHasKey ? keys[r].CompareTo(keys[best]) : hasKey.CompareTo(bestHasKey);
                c *= sign;
                if (c > 0 || (orEqual && c == 0)) best = r;
            }
            // MinBy/MaxBy of rows whose keys are all null return the first row.
            if (by && best < 0) best = first;
            chosen[p] = Finish(a, p, best, error);
        }
        return chosen;
    }

    /// <summary>Ends a parent: an expression error, no row, or the chosen row (whose value may still fail).</summary>
    internal static int Finish(AggregateInputs a, int parent, int best, string? error)
    {
        if (error is null && best >= 0) error = AggregateInputs.ErrorAt(a.Value!.Errors, best);
        if (error is not null) a.Output.Fail(parent, error);
        else if (best < 0) a.Empty(parent);
        else return best;
        return -1;
    }
}
