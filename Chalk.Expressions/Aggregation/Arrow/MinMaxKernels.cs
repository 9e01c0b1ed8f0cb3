using System.Numerics;
using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary><c>Min</c> and <c>Max</c>: per parent the row holding the result, then that row's value is copied out.</summary>
/// <remarks>
/// <para>
/// Integers, strings (the current culture's order), bools, timestamps, durations: <see cref="Comparer{T}.Default"/> order, the first of equal
/// values kept (LINQ replaces only on strictly smaller/larger), nulls skipped.
/// </para>
/// <para>
/// float and double follow LINQ's own overloads: <c>Min</c> returns the first NaN as soon as it sees it (and reads no
/// further rows), <c>Max</c> skips NaN unless every value is NaN. Distinct changes neither answer nor the rows read,
/// because LINQ's Distinct streams and keeps the first of equal values.
/// </para>
/// </remarks>
internal static class MinMaxKernels
{
    public static IArrowArray Run(AggregateInputs a)
    {
        var value = a.Value!;
        bool max = a.Aggregate.Kind == AggregateKind.Max;
        int[] chosen = value.Type switch
        {
            ExprType.Float32 => Floats<float>(a, max),
            ExprType.Float64 => Floats<double>(a, max),
            ExprType.Bool => Ordered<byte>(a, max),
            ExprType.Int32 or ExprType.Utf8 => Ordered<int>(a, max),
            _ => Ordered<long>(a, max),
        };
        return a.Output.Gather(value, chosen);
    }

    private static int[] Ordered<T>(AggregateInputs a, bool max) where T : unmanaged, IComparable<T>
    {
        var start = a.Groups.Start;
        var value = a.Value!;
        var values = value.Keys<T>();
        var chosen = new int[a.Groups.ParentCount];
        for (int p = 0; p < chosen.Length; p++)
        {
            a.Poll(p);
            int best = -1;
            string? error;
            for (int k = start[p], r; (r = a.NextValue(ref k, start[p + 1], out error)) >= 0;)
            {
                if (best < 0) best = r;
                else
                {
                    int c = values[r].CompareTo(values[best]);
                    if (max ? c > 0 : c < 0) best = r;
                }
            }
            chosen[p] = Finish(a, p, best, error);
        }
        return chosen;
    }

    private static int[] Floats<T>(AggregateInputs a, bool max) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = a.Groups.Start;
        var value = a.Value!;
        var values = value.Keys<T>();
        var chosen = new int[a.Groups.ParentCount];
        for (int p = 0; p < chosen.Length; p++)
        {
            a.Poll(p);
            int best = -1;
            string? error;
            for (int k = start[p], r; (r = a.NextValue(ref k, start[p + 1], out error)) >= 0;)
            {
                T x = values[r];
                if (max)
                {
                    // LINQ's Max: a NaN current value is replaced by the next value whatever it is; then only larger values win.
                    if (best < 0 || T.IsNaN(values[best]) || x > values[best]) best = r;
                }
                else if (best < 0 || x < values[best] || T.IsNaN(x))
                {
                    best = r;
                    // LINQ's Min returns at the first NaN without reading further rows.
                    if (T.IsNaN(x)) break;
                }
            }
            chosen[p] = Finish(a, p, best, error);
        }
        return chosen;
    }

    private static int Finish(AggregateInputs a, int parent, int best, string? error)
    {
        if (error is not null) a.Output.Fail(parent, error);
        else if (best < 0) a.Empty(parent);
        else return best;
        return -1;
    }
}
