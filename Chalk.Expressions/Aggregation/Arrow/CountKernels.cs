using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary><c>Count</c>, <c>Count</c> of distinct values, <c>Any</c> and <c>All</c>, following LINQ's enumeration per parent.</summary>
/// <remarks>
/// Each loop walks a parent's rows in key order and evaluates (reads) the child expressions exactly where LINQ would
/// call the predicate or selector, stopping where LINQ stops (<c>Any</c> at the first row, <c>All</c> at the first
/// false), so an expression error fails the parent only if LINQ would have hit it first.
/// </remarks>
internal static class CountKernels
{
    /// <summary><c>Count(pred)</c>: the predicate on every row; no value is read.</summary>
    public static IArrowArray Count(AggregateInputs a)
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var pass = a.Pass;
        var errors = a.FilterErrors;
        var counts = new long[a.Groups.ParentCount];
        for (int p = 0; p < counts.Length; p++)
        {
            a.Poll(p);
            int end = start[p + 1];
            long n = 0;
            if (errors is null && pass is null)
            {
                n = end - start[p];
            }
            else
            {
                for (int k = start[p]; k < end; k++)
                {
                    int r = rows[k];
                    if (AggregateInputs.ErrorAt(errors, r) is { } error)
                    {
                        a.Output.Fail(p, error);
                        break;
                    }
                    if (AggregateInputs.Bit(pass, r)) n++;
                }
            }
            counts[p] = n;
        }
        return Result(a, counts);
    }

    /// <summary><c>Where(pred).Select(x).Distinct().Count()</c>: the selector on every passing row; null is one value.</summary>
    public static IArrowArray CountDistinct(AggregateInputs a)
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var value = a.Value!;
        var ids = value.DistinctIds();
        var seen = new HashSet<int>();
        var counts = new long[a.Groups.ParentCount];
        for (int p = 0; p < counts.Length; p++)
        {
            a.Poll(p);
            seen.Clear();
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if ((AggregateInputs.ErrorAt(a.FilterErrors, r) ?? (AggregateInputs.Bit(a.Pass, r) ? AggregateInputs.ErrorAt(value.Errors, r) : null)) is { } error)
                {
                    a.Output.Fail(p, error);
                    break;
                }
                if (AggregateInputs.Bit(a.Pass, r)) seen.Add(ids[r]);
            }
            counts[p] = seen.Count;
        }
        return Result(a, counts);
    }

    private static IArrowArray Result(AggregateInputs a, long[] counts)
    {
        if (a.Aggregate.Type == ExprType.Int64) return a.Output.Build(ExprType.Int64, counts);
        // Count() is int: a parent with more than int.MaxValue children cannot occur in one Arrow batch.
        return a.Output.Build(ExprType.Int32, System.Array.ConvertAll(counts, c => (int)c));
    }

    /// <summary><c>Any(pred)</c>: stops at the first passing row; with distinct (<c>Select(x).Distinct().Any()</c>) the selector runs on that row.</summary>
    public static IArrowArray Any(AggregateInputs a)
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var valueErrors = a.Aggregate.Distinct ? a.Value!.Errors : null;
        var bits = new ulong[(a.Groups.ParentCount + 63) >> 6];
        for (int p = 0; p < a.Groups.ParentCount; p++)
        {
            a.Poll(p);
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if (AggregateInputs.ErrorAt(a.FilterErrors, r) is { } error)
                {
                    a.Output.Fail(p, error);
                    break;
                }
                if (!AggregateInputs.Bit(a.Pass, r)) continue;
                if (AggregateInputs.ErrorAt(valueErrors, r) is { } valueError) a.Output.Fail(p, valueError);
                else bits[p >> 6] |= 1UL << p;
                break;
            }
        }
        return a.Output.BuildBool(bits);
    }

    /// <summary><c>Where(f).All(pred)</c>: stops at the first passing row whose predicate is false or null (C#'s lifted false).</summary>
    /// <remarks>With distinct (<c>Select(pred).Distinct().All(b =&gt; b)</c>) LINQ reads the same rows and gives the same answer.</remarks>
    public static IArrowArray All(AggregateInputs a)
    {
        var rows = a.Groups.Rows;
        var start = a.Groups.Start;
        var value = a.Value!;
        var truth = value.PassBits();
        var bits = new ulong[(a.Groups.ParentCount + 63) >> 6];
        for (int p = 0; p < a.Groups.ParentCount; p++)
        {
            a.Poll(p);
            bool all = true;
            for (int k = start[p]; k < start[p + 1]; k++)
            {
                int r = rows[k];
                if ((AggregateInputs.ErrorAt(a.FilterErrors, r) ?? (AggregateInputs.Bit(a.Pass, r) ? AggregateInputs.ErrorAt(value.Errors, r) : null)) is { } error)
                {
                    a.Output.Fail(p, error);
                    break;
                }
                if (AggregateInputs.Bit(a.Pass, r) && !AggregateInputs.Bit(truth, r))
                {
                    all = false;
                    break;
                }
            }
            if (all) bits[p >> 6] |= 1UL << p;
        }
        return a.Output.BuildBool(bits);
    }
}
