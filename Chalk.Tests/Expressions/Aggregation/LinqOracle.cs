using System.Numerics;
using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions.Aggregation;

/// <summary>
/// The reference for <see cref="ArrowAggregator"/>: per parent, real LINQ to objects over a <see cref="DataFrame{T}"/>
/// of row objects in primary-key order, whose properties return the reference evaluator's value or throw its error.
/// </summary>
/// <remarks>
/// The LINQ shapes are the ones docs/aggregations.md lists; integer sums overflow where LINQ's checked running total does.
/// </remarks>
internal static class LinqOracle
{
    private sealed class RowFailure(string message) : Exception(message);

    /// <summary>A child row as the C# aggregation sees it: F (the filter), V (the value), K (the ordering key).</summary>
    internal sealed class Row(RowValue filter, RowValue value, RowValue key)
    {
        public bool F => filter.Error is { } e ? throw new RowFailure(e) : filter.Value is true;
        public object? V => value.Error is { } e ? throw new RowFailure(e) : value.Value;
        public object? K => key.Error is { } e ? throw new RowFailure(e) : key.Value;
    }

    /// <summary>Null first, then <see cref="Comparer{T}.Default"/> (strings by the current culture), as OrderBy/MaxBy on a nullable key.</summary>
    private static readonly Comparer<object?> s_keys = Comparer<object?>.Create((a, b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a is string s ? Comparer<string>.Default.Compare(s, (string)b) : ((IComparable)a).CompareTo(b));

    private static readonly string s_overflow = new OverflowException().Message;

    /// <summary>Expected (value, error) per parent.</summary>
    public static (object? Value, string? Error)[] Expected(AggregateExpr agg, ChildBatch data)
    {
        var batch = data.Batch;
        var columns = data.Boxed;
        RowValue Eval(Expr? e, int row, object? absent) => e is null ? new RowValue(absent, null) : ReferenceEvaluator.EvaluateRow(e, name => columns[name][row]);
        var keys = columns[ChildBatch.Key];
        var children = Enumerable.Range(0, batch.Length).Where(r => data.ParentOfChild[r] >= 0).ToLookup(r => data.ParentOfChild[r]);
        var result = new (object?, string?)[data.Parents];
        for (int p = 0; p < data.Parents; p++)
        {
            var rows = children[p].OrderBy(r => keys[r], s_keys)
                .Select(r => new Row(Eval(agg.Filter, r, true), Eval(agg.Value, r, null), Eval(agg.Order, r, null)));
            var frame = new DataFrame<Row>(rows);
            try
            {
                result[p] = (Aggregate(agg, frame), null);
            }
            catch (RowFailure f)
            {
                result[p] = (null, f.Message);
            }
            catch (InvalidOperationException e) when (e.Message == AggregateExpr.NoElementsMessage)
            {
                result[p] = (null, e.Message);
            }
        }
        return result;
    }

    private static object? Aggregate(AggregateExpr a, DataFrame<Row> src)
    {
        var w = src.Where(r => r.F);
        var type = a.Value?.Type;
        // LINQ's non-nullable overloads throw on no elements; the nullable ones return null (then FailOnEmpty decides).
        bool strict = a.FailOnEmpty && a.Value is { Nullable: false };
        object? result = a.Kind switch
        {
            AggregateKind.Count when a.Distinct => Count(a, w.Select(r => r.V).Distinct().Count()),
            AggregateKind.Count => a.Type == ExprType.Int64 ? src.LongCount(r => r.F) : (object)src.Count(r => r.F),
            AggregateKind.Any => a.Distinct ? w.Select(r => r.V).Distinct().Any() : src.Any(r => r.F),
            AggregateKind.All => a.Distinct ? w.Select(r => r.V).Distinct().All(v => v is true) : w.All(r => r.V is true),
            AggregateKind.Sum => Sum(a, w),
            AggregateKind.Average => Average(a, w, strict),
            AggregateKind.Min or AggregateKind.Max => MinMax(a, w, type!.Value, strict),
            AggregateKind.MinBy => w.MinBy(r => r.K, s_keys) is { } min ? min.V : Empty(a),
            AggregateKind.MaxBy => w.MaxBy(r => r.K, s_keys) is { } max ? max.V : Empty(a),
            _ => FirstLast(a, w),
        };
        return result;
    }

    private static object Count(AggregateExpr a, int n) => a.Type == ExprType.Int64 ? (long)n : (object)n;

    private static object? Empty(AggregateExpr a) => a.FailOnEmpty ? throw new InvalidOperationException(AggregateExpr.NoElementsMessage) : null;

    private static IEnumerable<T> Values<T>(AggregateExpr a, IEnumerable<Row> w, Func<object?, T> cast)
    {
        var values = w.Select(r => cast(r.V));
        return a.Distinct ? values.Distinct() : values;
    }

    private static object Sum(AggregateExpr a, IEnumerable<Row> w)
    {
        switch (a.Value!.Type)
        {
            case ExprType.Float32: return Values(a, w, v => (float?)v).Sum()!.Value;
            case ExprType.Float64: return Values(a, w, v => (double?)v).Sum()!.Value;
        }
        try
        {
            // The nullable overloads add checked in row order, as every LINQ integer sum does (no vectorized shortcut).
            return a.Value.Type == ExprType.Int32 ? (object)Values(a, w, v => (int?)v).Sum()!.Value : Values(a, w, v => (long?)v).Sum()!.Value;
        }
        catch (OverflowException ex)
        {
            throw new RowFailure(ex.Message);
        }
    }

    private static object? Average(AggregateExpr a, IEnumerable<Row> w, bool strict)
    {
        object? result = a.Value!.Type switch
        {
            ExprType.Int32 => strict ? Values(a, w, v => (int)v!).Average() : Values(a, w, v => (int?)v).Average(),
            ExprType.Float32 => strict ? Values(a, w, v => (float)v!).Average() : Values(a, w, v => (float?)v).Average(),
            ExprType.Float64 => strict ? Values(a, w, v => (double)v!).Average() : Values(a, w, v => (double?)v).Average(),
            _ => LongAverage(a, w),
        };
        return result ?? Empty(a);
    }

    private static object? LongAverage(AggregateExpr a, IEnumerable<Row> w)
    {
        try
        {
            return Values(a, w, v => (long?)v).Average();
        }
        catch (OverflowException ex)
        {
            throw new RowFailure(ex.Message);
        }
    }

    private static object? MinMax(AggregateExpr a, IEnumerable<Row> w, ExprType type, bool strict)
    {
        bool max = a.Kind == AggregateKind.Max;
        object? result = (type, strict) switch
        {
            (ExprType.Int32, true) => max ? Values(a, w, v => (int)v!).Max() : Values(a, w, v => (int)v!).Min(),
            (ExprType.Int32, false) => max ? Values(a, w, v => (int?)v).Max() : Values(a, w, v => (int?)v).Min(),
            (ExprType.Int64, true) => max ? Values(a, w, v => (long)v!).Max() : Values(a, w, v => (long)v!).Min(),
            (ExprType.Int64, false) => max ? Values(a, w, v => (long?)v).Max() : Values(a, w, v => (long?)v).Min(),
            (ExprType.Float32, true) => max ? Values(a, w, v => (float)v!).Max() : Values(a, w, v => (float)v!).Min(),
            (ExprType.Float32, false) => max ? Values(a, w, v => (float?)v).Max() : Values(a, w, v => (float?)v).Min(),
            (ExprType.Float64, true) => max ? Values(a, w, v => (double)v!).Max() : Values(a, w, v => (double)v!).Min(),
            (ExprType.Float64, false) => max ? Values(a, w, v => (double?)v).Max() : Values(a, w, v => (double?)v).Min(),
            (ExprType.Timestamp, true) => max ? Values(a, w, v => (DateTime)v!).Max() : Values(a, w, v => (DateTime)v!).Min(),
            (ExprType.Timestamp, false) => max ? Values(a, w, v => (DateTime?)v).Max() : Values(a, w, v => (DateTime?)v).Min(),
            (ExprType.Duration, true) => max ? Values(a, w, v => (TimeSpan)v!).Max() : Values(a, w, v => (TimeSpan)v!).Min(),
            (ExprType.Duration, false) => max ? Values(a, w, v => (TimeSpan?)v).Max() : Values(a, w, v => (TimeSpan?)v).Min(),
            (ExprType.Bool, true) => max ? Values(a, w, v => (bool)v!).Max() : Values(a, w, v => (bool)v!).Min(),
            (ExprType.Bool, false) => max ? Values(a, w, v => (bool?)v).Max() : Values(a, w, v => (bool?)v).Min(),
            _ => max ? Values(a, w, v => (string?)v).Max() : Values(a, w, v => (string?)v).Min(),
        };
        return result ?? Empty(a);
    }

    private static object? FirstLast(AggregateExpr a, IEnumerable<Row> w)
    {
        bool last = a.Kind == AggregateKind.Last;
        var seq = a.Order is null ? w : a.Descending ? w.OrderByDescending(r => r.K, s_keys) : w.OrderBy(r => r.K, s_keys);
        try
        {
            if (a.Distinct)
            {
                var values = seq.Select(r => r.V).Distinct();
                return last ? values.Last() : values.First();
            }
            var row = last ? seq.Last() : seq.First();
            return row.V;
        }
        catch (InvalidOperationException e) when (e.Message == AggregateExpr.NoElementsMessage && !a.FailOnEmpty)
        {
            return null;
        }
    }
}
