using Chalk.Expressions;
using static Chalk.Expressions.Expr;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>Aggregates of every kind over the <see cref="ChildRows"/> columns: nullable and non-nullable values, distinct, plain, failing and window filters.</summary>
internal static class AggregateCases
{
    private static readonly Expr AsOf = Col(AggregateExpr.AsOfColumn, ExprType.Timestamp);
    private static readonly Expr InWindow = Call("ge", C("t"), Sub(AsOf, Lit(ChildRows.Window)));

    public static readonly (string Name, Expr? Filter)[] Filters =
    [
        ("all rows", null),
        ("b", C("b")),
        ("10 / k > 3 (fails on k = 0)", Call("gt", Div(Lit(10), C("k")), Lit(3))),
        ("t >= as_of - 30d", InWindow),
        ("t >= as_of - 30d & k > 1", And(InWindow, Call("gt", C("k"), Lit(1)))),
    ];

    /// <summary>The filters the bigger families use: no filter, a nullable bool, a failing one and the window.</summary>
    public static IEnumerable<(string Name, Expr? Filter)> Main => Filters.Take(4);

    /// <summary>Values by type; the bool says whether the value can be null (LINQ's nullable overloads).</summary>
    public static readonly (string Name, Expr Value)[] Numbers =
    [
        ("i", C("i")), ("i ?? 0", Coalesce(C("i"), Lit(0))), ("100 / i", Div(Lit(100), C("i"))), ("100 / (i ?? 1)", Div(Lit(100), Coalesce(C("i"), Lit(1)))),
        ("l", C("l")), ("l ?? 0", Coalesce(C("l"), Lit(0L))), ("checked(l * 3)", Call("mul_checked", C("l"), Lit(3L))),
        ("d", C("d")), ("d ?? 0", Coalesce(C("d"), Lit(0.0))), ("d < -7.5 ? error : d", If(Call("lt", C("d"), Lit(-7.5)), Error("too small", ExprType.Float64), C("d"))),
        ("f", C("f")), ("f ?? 0", Coalesce(C("f"), Lit(0f))),
    ];

    // Floats whose form rules out -0.0, so a pushed-down Min/Max skips the zero-sign counts; d holds -0.0 and 0.0.
    private static readonly (string Name, Expr Value)[] NoNegativeZero =
    [
        ("Math.Max(0, d)", Call("max", Lit(0.0), C("d"))), ("Math.Min(d, -1.5)", Call("min", C("d"), Lit(-1.5))),
        ("(double)i", Cast(C("i"), ExprType.Float64)), ("d + 0.5", Add(C("d"), Lit(0.5))),
    ];

    private static readonly (string Name, Expr Value)[] Others =
    [
        ("t", C("t")), ("t ?? T0", Coalesce(C("t"), Lit(ChildRows.T0))), ("p", C("p")), ("p ?? 0", Coalesce(C("p"), Lit(TimeSpan.Zero))),
        ("b", C("b")), ("b ?? false", Coalesce(C("b"), Lit(false))),
    ];

    private static readonly (string Name, Expr Key)[] Keys =
    [
        ("k", C("k")), ("d", C("d")), ("f", C("f")), ("t", C("t")), ("l", C("l")), ("b", C("b")), ("p", C("p")), ("10 / k", Div(Lit(10), C("k"))),
    ];

    // Strings, ordered in the culture's order through a rank table: a column, and one reading the key row's as-of.
    private static readonly (string Name, Expr Value)[] Strings =
    [
        ("s", C("s")), ("t >= as_of - 30d ? s : \"~\"", If(InWindow, C("s"), Lit("~"))),
    ];

    private static readonly (string Name, Expr Value)[] Picked = [("s", C("s")), ("i", C("i")), ("d", C("d")), ("100 / i", Div(Lit(100), C("i")))];

    public static IEnumerable<(string Name, AggregateExpr Agg)> For(AggregateKind kind) => kind switch
    {
        AggregateKind.Count => Count(),
        AggregateKind.Any => Filters.Select(f => Case($"Any({f.Name})", kind, null, f.Filter, null, false, false, false, ExprType.Bool)),
        AggregateKind.All => All(),
        AggregateKind.Sum or AggregateKind.Average => Numeric(kind),
        AggregateKind.Min or AggregateKind.Max => Extremes(kind),
        AggregateKind.MinBy or AggregateKind.MaxBy => By(kind),
        _ => FirstLast(kind),
    };

    /// <summary>The cases of <paramref name="kind"/> that order strings and return the string they order (a Min/Max of
    /// strings, or an ordering by a string that picks that string): those a byte-ordered statement computes.</summary>
    public static IEnumerable<(string Name, AggregateExpr Agg)> StringOrderings(AggregateKind kind)
        => For(kind).Where(c => c.Agg.Kind is AggregateKind.Min or AggregateKind.Max
            ? c.Agg.Value?.Type == ExprType.Utf8
            : c.Agg.Order?.Type == ExprType.Utf8 && Equals(c.Agg.Order, c.Agg.Value));

    private static ColumnExpr C(string column) => ChildRows.Col(column);

    private static (string, AggregateExpr) Case(string name, AggregateKind kind, Expr? value, Expr? filter, Expr? order, bool descending, bool distinct, bool failOnEmpty, ExprType type)
        => (name, new AggregateExpr(kind, "reviews", ChildRows.Row, value, filter, order, descending, distinct, failOnEmpty, type, nullable: true));

    private static IEnumerable<(string, AggregateExpr)> Count()
    {
        foreach (var f in Filters)
        {
            yield return Case($"Count(where {f.Name})", AggregateKind.Count, null, f.Filter, null, false, false, false, ExprType.Int32);
            yield return Case($"LongCount(where {f.Name})", AggregateKind.Count, null, f.Filter, null, false, false, false, ExprType.Int64);
            foreach (var v in new (string, Expr)[] { Numbers[0], Numbers[2], Numbers[4], Numbers[7], Numbers[10], ("s", C("s")), Others[0], Others[2], Others[4] })
                yield return Case($"Select({v.Item1}).Distinct().Count(where {f.Name})", AggregateKind.Count, v.Item2, f.Filter, null, false, true, false, ExprType.Int32);
        }
    }

    private static IEnumerable<(string, AggregateExpr)> All()
    {
        (string, Expr)[] predicates = [("i > 0", Call("gt", C("i"), Lit(0))), ("b", C("b")), ("10 / i > 1", Call("gt", Div(Lit(10), C("i")), Lit(1)))];
        foreach (var f in Filters)
        {
            foreach (var (name, p) in predicates) yield return Case($"Where({f.Name}).All({name})", AggregateKind.All, p, f.Filter, null, false, false, false, ExprType.Bool);
        }
    }

    private static IEnumerable<(string, AggregateExpr)> Numeric(AggregateKind kind)
    {
        foreach (var f in Main)
        {
            foreach (var (name, v) in Numbers)
            {
                var type = kind == AggregateKind.Sum ? v.Type : v.Type == ExprType.Float32 ? ExprType.Float32 : ExprType.Float64;
                foreach (bool distinct in new[] { false, true })
                    yield return Case($"{kind}({name}{(distinct ? ", distinct" : "")}) where {f.Name}", kind, v, f.Filter, null, false, distinct, !v.Nullable, type);
            }
        }
    }

    private static IEnumerable<(string, AggregateExpr)> Extremes(AggregateKind kind)
    {
        foreach (var f in Main)
        {
            foreach (var (name, v) in Numbers.Concat(Others).Concat(NoNegativeZero).Concat(Strings))
            {
                foreach (bool distinct in f.Filter is null || f.Name.StartsWith("10", StringComparison.Ordinal) ? new[] { false, true } : new[] { false })
                    yield return Case($"{kind}({name}{(distinct ? ", distinct" : "")}) where {f.Name}", kind, v, f.Filter, null, false, distinct, !v.Nullable, v.Type);
            }
        }
    }

    private static IEnumerable<(string, AggregateExpr)> By(AggregateKind kind)
    {
        foreach (var f in Main.Where((_, i) => i != 1))
        {
            foreach (var (kn, k) in Keys.Concat(Strings))
            {
                foreach (var (vn, v) in Picked)
                    yield return Case($"{kind}({kn})?.{vn} where {f.Name}", kind, v, f.Filter, k, false, false, false, v.Type);
            }
        }
    }

    private static IEnumerable<(string, AggregateExpr)> FirstLast(AggregateKind kind)
    {
        (string Name, Expr? Key)[] orders = [("row order", null), .. Keys.Where((_, i) => i is 0 or 1 or 3 or 5 or 7).Concat(Strings).Select(k => (k.Name, (Expr?)k.Item2))];
        foreach (var f in Main.Where((_, i) => i != 3))
        {
            foreach (var (on, o) in orders)
            {
                foreach (bool descending in o is null ? new[] { false } : new[] { false, true })
                {
                    foreach (bool orDefault in new[] { false, true })
                    {
                        // A string key also picks itself: OrderBy(s).First().s, a Min/Max of culture ranks in SQL.
                        var values = Picked.Where((_, i) => i is 2 or 3);
                        if (o?.Type == ExprType.Utf8) values = values.Append((on, o));
                        foreach (var (vn, v) in values)
                        {
                            string name = $"Where({f.Name}).{(descending ? "OrderByDescending" : "OrderBy")}({on}).{kind}{(orDefault ? "OrDefault" : "")}().{vn}";
                            yield return Case(name, kind, v, f.Filter, o, descending, false, !orDefault, v.Type);
                        }
                    }
                }
            }
        }
    }
}
