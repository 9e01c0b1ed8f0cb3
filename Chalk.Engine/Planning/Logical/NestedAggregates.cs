using Chalk.Expressions;
using Chalk.Planning.Physical;

namespace Chalk.Planning.Logical;

/// <summary>Aggregates over child rows whose value, filter or key is itself an aggregate over each child row's own
/// relation (<c>Vehicles.Max(v =&gt; v.Deliveries.Count())</c>), computed in two vectorized levels.</summary>
/// <remarks>
/// <code>
///   depot rows ──has-many──▶ vehicle frame ──child plan──▶ count(deliveries) per vehicle row (pushed down or in engine)
///                                  │
///                                  └──▶ max over each depot's vehicle rows, reading that column (in engine)
/// </code>
/// The inner aggregate is planned in the relation's child plan as the child class's own aggregate (its relation is
/// then relative to the child row), so it is pushed into SQL when it can be, keyed by the child rows with their
/// parent's query time. The outer aggregate reads the inner's value column, and its error column where an inner
/// aggregate failed for a child row: LINQ calls the selector there, so the failure is the outer's only where LINQ would
/// have evaluated it.
/// </remarks>
internal static class NestedAggregates
{
    /// <summary>The distinct aggregates in <paramref name="outer"/>'s value, filter and ordering key, in first-seen order,
    /// as lifted (their relation starts with the outer's row, e.g. <c>vehicle.deliveries</c>).</summary>
    public static IReadOnlyList<AggregateExpr> Inner(AggregateExpr outer)
        => outer.ChildRowExpressions.SelectMany(AggregateNodes.In).Distinct().ToList();

    /// <summary>The inner aggregate as an aggregate of the child class itself: its relation without the row prefix.</summary>
    /// <exception cref="ChalkInternalException">The relation is not one of <paramref name="row"/>'s.</exception>
    public static AggregateExpr AtChild(AggregateExpr inner, string row)
    {
        var prefix = row + ".";
        if (!inner.Relation.StartsWith(prefix, StringComparison.Ordinal))
            throw new ChalkInternalException($"nested aggregate {inner} is not over a relation of the row '{row}'");
        return new AggregateExpr(inner.Kind, inner.Relation[prefix.Length..], inner.Row, inner.Value, inner.Filter, inner.Order, inner.Descending,
            inner.Distinct, inner.FailOnEmpty, inner.Type, inner.Nullable);
    }

    /// <summary>The outer aggregate reading each inner aggregate's columns instead of computing it: the value, and with
    /// <paramref name="withErrors"/> the error message where the inner aggregate failed (<c>or_error</c>).</summary>
    /// <param name="outer">The aggregate as lifted.</param>
    /// <param name="row">The outer aggregate's row prefix (the child class's name).</param>
    /// <param name="columnsOf">The child frame columns of an inner aggregate (as <see cref="AtChild"/> gives it).</param>
    /// <param name="withErrors">Whether some inner aggregate failed on some child row.</param>
    public static AggregateExpr Substitute(AggregateExpr outer, string row, Func<AggregateExpr, AggregateColumns> columnsOf, bool withErrors)
    {
        var replacements = new Dictionary<AggregateExpr, Expr>();
        foreach (var inner in Inner(outer))
        {
            var columns = columnsOf(AtChild(inner, row));
            Expr value = Expr.Col(columns.Value.Name, inner.Type, nullable: true);
            replacements[inner] = withErrors ? Expr.Call("or_error", value, Expr.Col(columns.Error.Name, ExprType.Utf8, nullable: true)) : value;
        }
        Expr? Rewrite(Expr? e) => e is null ? null : AggregateNodes.Substitute(e, replacements);
        return new AggregateExpr(outer.Kind, outer.Relation, outer.Row, Rewrite(outer.Value), Rewrite(outer.Filter), Rewrite(outer.Order), outer.Descending,
            outer.Distinct, outer.FailOnEmpty, outer.Type, outer.Nullable);
    }
}
