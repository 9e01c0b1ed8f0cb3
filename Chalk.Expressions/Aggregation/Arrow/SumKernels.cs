using System.Numerics;
using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary><c>Sum</c> and <c>Average</c> (optionally of distinct values) with LINQ's accumulators, per parent in key order.</summary>
/// <remarks>
/// <para>
/// Integers: the exact total decides overflow (int values in a <see cref="long"/>, long values in a <see cref="long"/> plus
/// a count of wrap-arounds, so no <see cref="Int128"/> per row). LINQ adds checked in row order and would also fail when
/// only a partial sum leaves the range; the exact total is what the SQL translation computes, and
/// docs/aggregations.md records the choice. <c>Average</c> of long values overflows the same way (LINQ sums it in a long).
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
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var pass = a.Pass;
        var filterErrors = a.FilterErrors;
        var value = a.Value!;
        var valueErrors = value.Errors;
        var validity = value.Validity;
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
            string? error = null;
            long sum = 0, wraps = 0, count = 0;
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if ((error = AggregateInputs.ErrorAt(filterErrors, r)) is not null) break;
                if (!AggregateInputs.Bit(pass, r)) continue;
                if ((error = AggregateInputs.ErrorAt(valueErrors, r)) is not null) break;
                if (!AggregateInputs.Bit(validity, r)) continue;
                T v = values[r];
                if (seen is not null && !seen.Add(v)) continue;
                long x = long.CreateTruncating(v);
                long next = unchecked(sum + x);
                // Signed overflow: both operands' signs differ from the result's. Count it; the total is next + wraps * 2^64.
                if (isLong && ((sum ^ next) & (x ^ next)) < 0) wraps += x < 0 ? -1 : 1;
                sum = next;
                count++;
            }
            if (error is not null) a.Output.Fail(p, error);
            else if (wraps != 0 || (!isLong && !average && sum != int.CreateTruncating(sum))) a.Output.Fail(p, s_overflow);
            else if (!average) sums![p] = T.CreateTruncating(sum);
            else if (count == 0) a.Empty(p);
            else averages![p] = (double)sum / count;
        }
        return average ? a.Output.Build(ExprType.Float64, averages!) : a.Output.Build(a.Aggregate.Type, sums!);
    }

    private static IArrowArray Floats<T>(AggregateInputs a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var pass = a.Pass;
        var filterErrors = a.FilterErrors;
        var value = a.Value!;
        var valueErrors = value.Errors;
        var validity = value.Validity;
        var values = value.Keys<T>();
        var seen = a.Aggregate.Distinct ? new HashSet<T>() : null;
        bool average = a.Aggregate.Kind == AggregateKind.Average;
        int parents = a.Groups.ParentCount;
        var results = new double[parents];
        for (int p = 0; p < parents; p++)
        {
            a.Poll(p);
            seen?.Clear();
            string? error = null;
            double sum = 0;
            long count = 0;
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if ((error = AggregateInputs.ErrorAt(filterErrors, r)) is not null) break;
                if (!AggregateInputs.Bit(pass, r)) continue;
                if ((error = AggregateInputs.ErrorAt(valueErrors, r)) is not null) break;
                if (!AggregateInputs.Bit(validity, r)) continue;
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
