using Chalk.Expressions;

namespace Chalk.Tests.Lifting;

/// <summary>
/// A test-only reading of docs/aggregations.md: computes one <see cref="AggregateExpr"/> over child rows given in
/// primary-key order, with LINQ to objects' answers. Lets the tests compare a lifted getter with the C# getter itself.
/// </summary>
internal static class AggregateReference
{
    /// <summary>The aggregate's value, or the row error LINQ would raise.</summary>
    public static RowValue Evaluate(AggregateExpr a, IReadOnlyList<Func<string, object?>> rows)
    {
        object? Eval(Expr e, Func<string, object?> row)
        {
            var v = ReferenceEvaluator.EvaluateRow(e, row);
            return v.Error is not null ? throw new InvalidOperationException("a child expression failed: " + v.Error) : v.Value;
        }
        var kept = rows.Where(r => a.Filter is null || Eval(a.Filter, r) is true).ToList();
        var values = a.Value is null ? [] : kept.Select(r => Eval(a.Value, r)).ToList();
        if (a.Distinct) values = values.Distinct().ToList();
        RowValue Empty() => a.FailOnEmpty ? new RowValue(null, AggregateExpr.NoElementsMessage) : new RowValue(null, null);
        switch (a.Kind)
        {
            case AggregateKind.Count:
                return new RowValue(a.Type == ExprType.Int64 ? (object)(long)(a.Distinct ? values.Count : kept.Count) : a.Distinct ? values.Count : kept.Count, null);
            case AggregateKind.Any:
                return new RowValue(kept.Count > 0, null);
            case AggregateKind.All:
                return new RowValue(values.All(v => v is true), null);
            case AggregateKind.Sum:
            {
                var present = values.Where(v => v is not null).ToList();
                return new RowValue(a.Type switch
                {
                    ExprType.Int32 => (object)checked(present.Sum(v => (int)v!)),
                    ExprType.Int64 => checked(present.Sum(v => (long)v!)),
                    // LINQ sums floats in double and rounds once at the end.
                    ExprType.Float32 => (float)present.Sum(v => (double)(float)v!),
                    _ => present.Sum(v => (double)v!),
                }, null);
            }
            case AggregateKind.Average:
            {
                var present = values.Where(v => v is not null).Select(Convert.ToDouble).ToList();
                if (present.Count == 0) return Empty();
                double avg = present.Sum() / present.Count;
                return new RowValue(a.Type == ExprType.Float32 ? (object)(float)avg : avg, null);
            }
            case AggregateKind.Min or AggregateKind.Max:
            {
                var present = values.Where(v => v is not null).ToList();
                if (present.Count == 0) return Empty();
                present.Sort(Comparer<object?>.Default);
                return new RowValue(a.Kind == AggregateKind.Min ? present[0] : present[^1], null);
            }
            case AggregateKind.MinBy or AggregateKind.MaxBy:
            {
                if (kept.Count == 0) return Empty();
                int best = -1;
                object? bestKey = null;
                for (int i = 0; i < kept.Count; i++)
                {
                    var key = Eval(a.Order!, kept[i]);
                    if (key is null) continue;
                    int c = bestKey is null ? 1 : Comparer<object>.Default.Compare(key, bestKey);
                    if (best < 0 || (a.Kind == AggregateKind.MinBy ? c < 0 : c > 0))
                    {
                        best = i;
                        bestKey = key;
                    }
                }
                return new RowValue(Eval(a.Value!, kept[Math.Max(best, 0)]), null);
            }
            default:
            {
                if (kept.Count == 0) return Empty();
                // A stable sort, null keys first: LINQ's OrderBy.
                var ordered = a.Order is null ? kept
                    : a.Descending ? kept.OrderByDescending(r => Eval(a.Order, r), Comparer<object?>.Default).ToList()
                    : kept.OrderBy(r => Eval(a.Order, r), Comparer<object?>.Default).ToList();
                return new RowValue(Eval(a.Value!, a.Kind == AggregateKind.First ? ordered[0] : ordered[^1]), null);
            }
        }
    }

    /// <summary>Replaces every aggregate in <paramref name="e"/> by its literal value (or error) for one parent row.</summary>
    public static Expr Substitute(Expr e, Func<AggregateExpr, RowValue> value) => e switch
    {
        AggregateExpr a => value(a) is { Error: { } error } ? new ErrorExpr(error, a.Type) : new LiteralExpr(value(a).Value, a.Type),
        _ when e.Children.Count == 0 => e,
        _ => e.WithChildren(e.Children.Select(c => Substitute(c, value)).ToArray()),
    };
}
