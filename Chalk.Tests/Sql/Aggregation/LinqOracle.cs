using Chalk.Expressions;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>The answer LINQ to objects gives for an aggregate over a key row's visible children: the reference for the SQL.</summary>
/// <remarks>
/// Calls the real <see cref="Enumerable"/> operators with typed selectors (the overload the C# would bind), so the
/// evaluation order, early exits, overflow checks and NaN rules are .NET's own. Child expressions are evaluated per row
/// by <see cref="ReferenceEvaluator"/>; a row error is thrown, as the compiled lambda would throw.
/// </remarks>
internal static class LinqOracle
{
    private sealed class RowFailure(string message) : Exception(message);

    public static (object? Value, string? Error) Evaluate(AggregateExpr agg, IReadOnlyList<Row> rows, DateTime asOf)
    {
        try
        {
            return (Run(agg, rows, asOf), null);
        }
        catch (RowFailure e)
        {
            return (null, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return (null, e.Message);
        }
        catch (OverflowException e)
        {
            return (null, e.Message);
        }
    }

    private static object? Run(AggregateExpr agg, IReadOnlyList<Row> rows, DateTime asOf)
    {
        object? Eval(Expr e, Row r)
        {
            var v = ReferenceEvaluator.EvaluateRow(e, n => n == AggregateExpr.AsOfColumn ? asOf : r[n]);
            return v.Error is null ? v.Value : throw new RowFailure(v.Error);
        }
        IEnumerable<Row> src = agg.Filter is null ? rows : rows.Where(r => Eval(agg.Filter, r) is true);
        object? V(Row r) => Eval(agg.Value!, r);
        bool nullable = !agg.FailOnEmpty;
        switch (agg.Kind)
        {
            case AggregateKind.Count when agg.Distinct:
                return agg.Type == ExprType.Int64 ? src.Select(V).Distinct().LongCount() : (object)src.Select(V).Distinct().Count();
            case AggregateKind.Count:
                return agg.Type == ExprType.Int64 ? src.LongCount() : (object)src.Count();
            case AggregateKind.Any:
                return src.Any();
            case AggregateKind.All:
                return src.All(r => V(r) is true);
            case AggregateKind.Sum:
                return Sum(agg, src, V);
            case AggregateKind.Average:
                return Average(agg, src, V, nullable);
            case AggregateKind.Min or AggregateKind.Max:
                return Extreme(agg, src, V, nullable);
            default:
            {
                var row = Pick(agg, src, r => Eval(agg.Order!, r));
                if (row is null && agg.FailOnEmpty) throw new InvalidOperationException(AggregateExpr.NoElementsMessage);
                return row is null ? null : V(row);
            }
        }
    }

    private static IEnumerable<T> Values<T>(AggregateExpr agg, IEnumerable<Row> src, Func<Row, object?> v)
    {
        var values = src.Select(r => (T)v(r)!);
        return agg.Distinct ? values.Distinct() : values;
    }

    private static object? Sum(AggregateExpr agg, IEnumerable<Row> src, Func<Row, object?> v) => agg.Value!.Type switch
    {
        ExprType.Int32 => (object?)Values<int?>(agg, src, v).Sum(),
        ExprType.Int64 => (object?)Values<long?>(agg, src, v).Sum(),
        ExprType.Float32 => (object?)Values<float?>(agg, src, v).Sum(),
        ExprType.Float64 => (object?)Values<double?>(agg, src, v).Sum(),
        var t => throw new NotSupportedException(t.Name()),
    };

    private static object? Average(AggregateExpr agg, IEnumerable<Row> src, Func<Row, object?> v, bool nullable) => (agg.Value!.Type, nullable) switch
    {
        (ExprType.Int32, true) => (object?)Values<int?>(agg, src, v).Average(),
        (ExprType.Int32, false) => (object?)Values<int>(agg, src, v).Average(),
        (ExprType.Int64, true) => (object?)Values<long?>(agg, src, v).Average(),
        (ExprType.Int64, false) => (object?)Values<long>(agg, src, v).Average(),
        (ExprType.Float32, true) => (object?)Values<float?>(agg, src, v).Average(),
        (ExprType.Float32, false) => (object?)Values<float>(agg, src, v).Average(),
        (ExprType.Float64, true) => (object?)Values<double?>(agg, src, v).Average(),
        (ExprType.Float64, false) => (object?)Values<double>(agg, src, v).Average(),
        var t => throw new NotSupportedException(t.ToString()),
    };

    private static object? Extreme(AggregateExpr agg, IEnumerable<Row> src, Func<Row, object?> v, bool nullable)
    {
        bool max = agg.Kind == AggregateKind.Max;
        return (agg.Value!.Type, nullable) switch
        {
            (ExprType.Int32, true) => max ? (object?)Values<int?>(agg, src, v).Max() : Values<int?>(agg, src, v).Min(),
            (ExprType.Int32, false) => max ? (object?)Values<int>(agg, src, v).Max() : Values<int>(agg, src, v).Min(),
            (ExprType.Int64, true) => max ? (object?)Values<long?>(agg, src, v).Max() : Values<long?>(agg, src, v).Min(),
            (ExprType.Int64, false) => max ? (object?)Values<long>(agg, src, v).Max() : Values<long>(agg, src, v).Min(),
            (ExprType.Float32, true) => max ? (object?)Values<float?>(agg, src, v).Max() : Values<float?>(agg, src, v).Min(),
            (ExprType.Float32, false) => max ? (object?)Values<float>(agg, src, v).Max() : Values<float>(agg, src, v).Min(),
            (ExprType.Float64, true) => max ? (object?)Values<double?>(agg, src, v).Max() : Values<double?>(agg, src, v).Min(),
            (ExprType.Float64, false) => max ? (object?)Values<double>(agg, src, v).Max() : Values<double>(agg, src, v).Min(),
            (ExprType.Bool, true) => max ? (object?)Values<bool?>(agg, src, v).Max() : Values<bool?>(agg, src, v).Min(),
            (ExprType.Bool, false) => max ? (object?)Values<bool>(agg, src, v).Max() : Values<bool>(agg, src, v).Min(),
            (ExprType.Timestamp, true) => max ? (object?)Values<DateTime?>(agg, src, v).Max() : Values<DateTime?>(agg, src, v).Min(),
            (ExprType.Timestamp, false) => max ? (object?)Values<DateTime>(agg, src, v).Max() : Values<DateTime>(agg, src, v).Min(),
            (ExprType.Duration, true) => max ? (object?)Values<TimeSpan?>(agg, src, v).Max() : Values<TimeSpan?>(agg, src, v).Min(),
            (ExprType.Duration, false) => max ? (object?)Values<TimeSpan>(agg, src, v).Max() : Values<TimeSpan>(agg, src, v).Min(),
            (ExprType.Utf8, _) => max ? Values<string?>(agg, src, v).Max() : Values<string?>(agg, src, v).Min(),
            var t => throw new NotSupportedException(t.ToString()),
        };
    }

    private static Row? Pick(AggregateExpr agg, IEnumerable<Row> src, Func<Row, object?> key) => agg.Order?.Type switch
    {
        null => agg.Kind == AggregateKind.First ? src.FirstOrDefault() : src.LastOrDefault(),
        ExprType.Int32 => Pick(agg, src, r => (int?)key(r)),
        ExprType.Int64 => Pick(agg, src, r => (long?)key(r)),
        ExprType.Float32 => Pick(agg, src, r => (float?)key(r)),
        ExprType.Float64 => Pick(agg, src, r => (double?)key(r)),
        ExprType.Bool => Pick(agg, src, r => (bool?)key(r)),
        ExprType.Timestamp => Pick(agg, src, r => (DateTime?)key(r)),
        ExprType.Duration => Pick(agg, src, r => (TimeSpan?)key(r)),
        ExprType.Utf8 => Pick(agg, src, r => (string?)key(r)),
        var t => throw new NotSupportedException(t.ToString()),
    };

    private static Row? Pick<TKey>(AggregateExpr agg, IEnumerable<Row> src, Func<Row, TKey> key) => agg.Kind switch
    {
        AggregateKind.MinBy => src.MinBy(key),
        AggregateKind.MaxBy => src.MaxBy(key),
        AggregateKind.First => (agg.Descending ? src.OrderByDescending(key) : src.OrderBy(key)).FirstOrDefault(),
        _ => (agg.Descending ? src.OrderByDescending(key) : src.OrderBy(key)).LastOrDefault(),
    };
}
