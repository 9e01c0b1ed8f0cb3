using Chalk.Expressions;

namespace Chalk.Tests.Expressions.Aggregation;

/// <summary>Random aggregates over a <see cref="ChildBatch"/>: values, filters and keys that tie, are null, or fail.</summary>
internal static class AggregateCases
{
    /// <summary>Every kind × value type × nullable columns × distinct × filter that LINQ can express.</summary>
    public static IEnumerable<TestCaseData> All()
    {
        foreach (var kind in Enum.GetValues<AggregateKind>())
        {
            foreach (var type in Enum.GetValues<ExprType>())
            {
                foreach (bool distinct in new[] { false, true })
                {
                    if (!Applies(kind, type, distinct)) continue;
                    foreach (bool nullable in new[] { false, true })
                    {
                        foreach (bool filter in new[] { false, true })
                        {
                            yield return new TestCaseData(kind, type, nullable, distinct, filter);
                        }
                    }
                }
            }
        }
    }

    private static bool Applies(AggregateKind kind, ExprType type, bool distinct) => kind switch
    {
        // Without distinct, Count() and Any() read no value: one case stands for every type.
        AggregateKind.Count or AggregateKind.Any when !distinct => type == ExprType.Int32,
        AggregateKind.Sum or AggregateKind.Average => type.IsNumeric(),
        AggregateKind.All => type == ExprType.Bool,
        AggregateKind.MinBy or AggregateKind.MaxBy => !distinct,
        _ => true,
    };

    public static AggregateExpr Make(Random rng, ChildBatch data, AggregateKind kind, ExprType type, bool distinct, bool filter)
    {
        bool readsValue = distinct || kind is not (AggregateKind.Count or AggregateKind.Any);
        Expr? value = !readsValue ? null : kind == AggregateKind.All ? Predicate(rng, data) : Value(rng, data, type);
        Expr? order = kind is AggregateKind.MinBy or AggregateKind.MaxBy || (kind is AggregateKind.First or AggregateKind.Last && rng.Next(10) < 7)
            ? Key(rng, data)
            : null;
        var resultType = kind switch
        {
            AggregateKind.Count => rng.Next(2) == 0 ? ExprType.Int32 : ExprType.Int64,
            AggregateKind.Average => type == ExprType.Float32 ? ExprType.Float32 : ExprType.Float64,
            AggregateKind.Any or AggregateKind.All => ExprType.Bool,
            _ => type,
        };
        return new AggregateExpr(kind, "reviews", "review", value, filter ? Filter(rng, data) : null, order,
            descending: order is not null && kind is AggregateKind.First or AggregateKind.Last && rng.Next(2) == 0,
            distinct, failOnEmpty: rng.Next(2) == 0, resultType, nullable: true);
    }

    private static Expr Value(Random rng, ChildBatch data, ExprType type)
    {
        var column = data.Column(type);
        if (rng.Next(10) < 6) return column;
        return type switch
        {
            ExprType.Int32 => Expr.Div(column, ChildBatch.Divisor),
            ExprType.Int64 => Expr.Div(column, Expr.Cast(ChildBatch.Divisor, ExprType.Int64)),
            // Fails where the divisor is 0, else the column (or null for a large quotient).
            _ => Expr.If(Expr.Call("gt", Expr.Div(data.Column(ExprType.Int32), ChildBatch.Divisor), Expr.Lit(1_000_000)), Expr.Null(type), column),
        };
    }

    private static Expr Predicate(Random rng, ChildBatch data) => rng.Next(4) switch
    {
        0 => data.Column(ExprType.Bool),
        1 => Expr.Call("gt", data.Column(ExprType.Float64), Expr.Lit(0.0)),
        2 => Expr.Call("gt", Expr.Div(data.Column(ExprType.Int32), ChildBatch.Divisor), Expr.Lit(-1)),
        _ => Expr.Call("ne", data.Column(ExprType.Utf8), Expr.Lit("a")),
    };

    private static Expr Filter(Random rng, ChildBatch data) => rng.Next(5) switch
    {
        0 => data.Column(ExprType.Bool),
        1 => Expr.Call("gt", data.Column(ExprType.Int32), Expr.Lit(0)),
        2 => Expr.Call("ne", Expr.Call("rem", data.Column(ExprType.Int32), ChildBatch.Divisor), Expr.Lit(1)),
        3 => Expr.Call("le", data.Column(ExprType.Timestamp), ChildBatch.AsOf),
        _ => Expr.Call("ge", data.Column(ExprType.Timestamp), Expr.Sub(ChildBatch.AsOf, Expr.Lit(TimeSpan.FromDays(30)))),
    };

    private static Expr Key(Random rng, ChildBatch data)
    {
        if (rng.Next(7) == 0) return Expr.Div(data.Column(ExprType.Int32), ChildBatch.Divisor);
        var (_, type) = ChildBatch.ValueColumns[rng.Next(ChildBatch.ValueColumns.Length)];
        return data.Column(type);
    }
}
