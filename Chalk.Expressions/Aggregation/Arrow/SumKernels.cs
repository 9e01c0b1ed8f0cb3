using System.Numerics;
using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary><c>Sum</c> and <c>Average</c> (optionally of distinct values) with LINQ's accumulators, per parent in key order.</summary>
/// <remarks>
/// <para>
/// Integers: checked in key order, as LINQ adds them (<c>Sum</c> of ints in an int, of longs in a long; <c>Average</c>
/// of ints in a long, of longs in a long): the row fails at the first running total that leaves the range, even when
/// the final total would fit (<c>int.MaxValue, 1, -1</c>), and errors of later rows never happen. The SQL translation
/// does the same.
/// </para>
/// <para>
/// Floats: a <see cref="double"/> accumulator adds in key order, so results match LINQ bit for bit. LINQ's
/// <c>Sum</c> starts from 0 (so a sum of only -0.0 is +0.0) while <c>Average</c> starts from the first value;
/// float results are rounded to float at the end, as LINQ does.
/// </para>
/// </remarks>
internal static class SumKernels
{
    private static readonly string s_overflow = new OverflowException().Message;

    public static IArrowArray Run(AggregateInputs a) => a.Value!.Type switch
    {
        ExprType.Int32 => Integers<int>(a),
        ExprType.Int64 => Integers<long>(a),
        ExprType.Float32 => Floats<float>(a),
        _ => Floats<double>(a),
    };

    private static IArrowArray Integers<T>(AggregateInputs a) where T : unmanaged, IBinaryInteger<T>
    {
        var start = a.Groups.Start;
        var value = a.Value!;
        var values = value.Keys<T>();
        var seen = a.Aggregate.Distinct ? new HashSet<T>() : null;
        bool average = a.Aggregate.Kind == AggregateKind.Average;
        bool isLong = typeof(T) == typeof(long);
        int parents = a.Groups.ParentCount;
        var sums = average ? null : new T[parents];
        var averages = average ? new double[parents] : null;
        for (int p = 0; p < parents; p++)
        {
            a.Poll(p);
            seen?.Clear();
            string? error;
            long sum = 0, count = 0;
            for (int k = start[p], r; (r = a.NextValue(ref k, start[p + 1], out error)) >= 0;)
            {
                T v = values[r];
                if (seen is not null && !seen.Add(v)) continue;
                long x = long.CreateTruncating(v);
                long next = unchecked(sum + x);
                // Signed overflow of a long: both operands' signs differ from the result's. An int sum overflows when the
                // running total leaves int's range (an int average sums in a long, which 2^32 rows cannot overflow).
                if (isLong ? ((sum ^ next) & (x ^ next)) < 0 : !average && next != int.CreateTruncating(next))
                {
                    error = s_overflow;
                    break;
                }
                sum = next;
                count++;
            }
            if (error is not null) a.Output.Fail(p, error);
            else if (!average) sums![p] = T.CreateTruncating(sum);
            else if (count == 0) a.Empty(p);
            else averages![p] = (double)sum / count;
        }
        return average ? a.Output.Build(ExprType.Float64, averages!) : a.Output.Build(a.Aggregate.Type, sums!);
    }

    private static IArrowArray Floats<T>(AggregateInputs a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var start = a.Groups.Start;
        var value = a.Value!;
        var values = value.Keys<T>();
        var seen = a.Aggregate.Distinct ? new HashSet<T>() : null;
        bool average = a.Aggregate.Kind == AggregateKind.Average;
        int parents = a.Groups.ParentCount;
        var results = new double[parents];
        for (int p = 0; p < parents; p++)
        {
            a.Poll(p);
            seen?.Clear();
            string? error;
            double sum = 0;
            long count = 0;
            for (int k = start[p], r; (r = a.NextValue(ref k, start[p + 1], out error)) >= 0;)
            {
                T v = values[r];
                if (seen is not null && !seen.Add(v)) continue;
                double x = double.CreateTruncating(v);
                sum = average && count == 0 ? x : sum + x;
                count++;
            }
            if (error is not null) a.Output.Fail(p, error);
            else if (!average) results[p] = sum;
            else if (count == 0) a.Empty(p);
            else results[p] = sum / count;
        }
        if (typeof(T) == typeof(double)) return a.Output.Build(ExprType.Float64, results);
        return a.Output.Build(ExprType.Float32, System.Array.ConvertAll(results, d => (float)d));
    }
}
