using Chalk.Execution;
using Chalk.Expressions;

namespace Chalk.Planning.Physical;

/// <summary>Moves the parts of aggregates' child expressions that depend only on the query time (a window's start,
/// <c>as_of - 30d</c>) out of the per-child-row SQL: they are computed once per key row and loaded as key columns.</summary>
/// <remarks>
/// Per child row, <c>as_of - 30d</c> costs a range check and an error column in SQL; per key row it is one vectorized
/// subtraction in the engine. When it fails for some key row (a time within 30 days of year 1), the engine runs the
/// exact statement instead, so the answer never depends on the hoisting.
/// </remarks>
internal sealed class KeyLevelHoisting
{
    private const string Prefix = "__chalk_key_expr";

    private readonly Dictionary<Expr, string> _names = [];

    private KeyLevelHoisting()
    {
    }

    /// <summary>The hoisted expressions (over <see cref="QueryTime.Column"/>) and the key column each becomes.</summary>
    public IReadOnlyList<(string Column, Expr Expression)> Hoisted => _names.Select(n => (n.Value, n.Key)).ToList();

    /// <summary>Rewrites the aggregates with their time-only subexpressions replaced by key columns.</summary>
    public static (IReadOnlyList<AggregateExpr> Aggregates, KeyLevelHoisting Hoisting) Apply(IReadOnlyList<AggregateExpr> aggregates)
    {
        var h = new KeyLevelHoisting();
        var rewritten = aggregates.Select(a => new AggregateExpr(a.Kind, a.Relation, a.Row, h.Rewrite(a.Value), h.Rewrite(a.Filter), h.Rewrite(a.Order),
            a.Descending, a.Distinct, a.FailOnEmpty, a.Type, a.Nullable)).ToList();
        return (rewritten, h);
    }

    private Expr? Rewrite(Expr? e)
    {
        if (e is null) return null;
        if (e is not ColumnExpr && e is not AggregateExpr && ReadsOnlyQueryTime(e) is true)
        {
            if (!_names.TryGetValue(e, out var name))
                _names[e] = name = Prefix + _names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Expr.Col(name, e.Type, e.Nullable);
        }
        var children = e.Children;
        return children.Count == 0 ? e : e.WithChildren(children.Select(c => Rewrite(c)!).ToList());
    }

    // True when every column read is the query time and at least one is; null when no column is read (a constant).
    private static bool? ReadsOnlyQueryTime(Expr e)
    {
        if (e is ColumnExpr c) return c.Name == QueryTime.Column;
        if (e is AggregateExpr) return false;
        bool? result = null;
        foreach (var child in e.Children)
        {
            switch (ReadsOnlyQueryTime(child))
            {
                case false: return false;
                case true: result = true; break;
            }
        }
        return result;
    }
}
