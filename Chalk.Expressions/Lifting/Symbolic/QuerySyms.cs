namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>
/// A LINQ query over a has-many relation, not yet aggregated: the relation, optionally filtered (<c>Where</c>), projected
/// (<c>Select</c>), de-duplicated (<c>Distinct</c>) and ordered (<c>OrderBy</c>). A terminal operator turns it into an <see cref="AggregateExpr"/>.
/// </summary>
internal sealed class QuerySym(SymbolicRelation relation, Expr? missing, Expr? filter, Expr? selected, Type elementType, bool distinct, Expr? order, bool descending) : Sym
{
    public SymbolicRelation Relation { get; } = relation;

    /// <summary>True on rows where the object holding the relation is missing (a relation reached through a has-one), or null.</summary>
    public Expr? Missing { get; } = missing;

    /// <summary>The conjunction of the <c>Where</c> predicates, over child columns; null keeps every row.</summary>
    public Expr? Filter { get; } = filter;

    /// <summary>The projected value after <c>Select</c>, over child columns; null while the elements are the rows.</summary>
    public Expr? Selected { get; } = selected;

    /// <summary>The CLR type of the elements: the child class, or the <c>Select</c>ed type.</summary>
    public Type ElementType { get; } = elementType;

    public bool Distinct { get; } = distinct;

    public Expr? Order { get; } = order;

    public bool Descending { get; } = descending;

    public override Type ClrType => typeof(IEnumerable<>).MakeGenericType(ElementType);

    /// <summary>A bare relation as the binder returned it.</summary>
    public static QuerySym Of(SymbolicRelation relation, Expr? missing) => new(relation, missing, null, null, relation.ElementType, false, null, false);

    /// <summary>Whether no LINQ operator has been applied yet (the relation's own members, like <c>Count</c>, need a bare relation).</summary>
    public bool IsBare => Filter is null && Selected is null && !Distinct && Order is null;

    /// <summary>Adds a predicate; the filter is kept simplified so that aggregates of one query compare equal (the simplifier does not look inside aggregates).</summary>
    public QuerySym Where(Expr predicate) =>
        new(Relation, Missing, Simplifier.Simplify(Filter is null ? predicate : Expr.And(Filter, predicate)), Selected, ElementType, Distinct, Order, Descending);

    public QuerySym Select(Expr value, Type type) => new(Relation, Missing, Filter, value, type, Distinct, Order, Descending);

    public QuerySym MakeDistinct() => new(Relation, Missing, Filter, Selected, ElementType, true, Order, Descending);

    public QuerySym OrderBy(Expr key, bool descending) => new(Relation, Missing, Filter, Selected, ElementType, Distinct, key, descending);

    public override string ToString() => $"query over {Relation}";
}

/// <summary>
/// One child row picked by <c>MinBy</c>/<c>MaxBy</c>/<c>First</c>/<c>Last</c> (and their <c>OrDefault</c> forms), not yet
/// dereferenced: reading its property <c>.X</c> makes the aggregate with value <c>X</c>.
/// </summary>
/// <param name="query">The filtered relation the row is picked from.</param>
/// <param name="kind">MinBy, MaxBy, First or Last.</param>
/// <param name="order">The ordering key (MinBy/MaxBy's key or the query's OrderBy), or null for row order.</param>
/// <param name="descending">Whether <paramref name="order"/> is descending.</param>
/// <param name="failOnEmpty">Whether no rows fails (First/Last) rather than giving null (MinBy/MaxBy of a class, the OrDefault forms).</param>
/// <param name="noMatch">The error of <c>First(predicate)</c>/<c>Last(predicate)</c> on no matching row, which differs from <see cref="AggregateExpr.NoElementsMessage"/>; null otherwise.</param>
internal sealed class ElementSym(QuerySym query, AggregateKind kind, Expr? order, bool descending, bool failOnEmpty, string? noMatch = null) : Sym
{
    public QuerySym Query { get; } = query;

    public AggregateKind Kind { get; } = kind;

    public Expr? Order { get; } = order;

    public bool Descending { get; } = descending;

    public bool FailOnEmpty { get; } = failOnEmpty;

    public string? NoMatch { get; } = noMatch;

    public override Type ClrType => Query.ElementType;

    /// <summary>True on rows where the picked row is null: the filtered relation has no rows.</summary>
    public Expr IsMissing => FailOnEmpty || NoMatch is not null ? Expr.Lit(false) : IsEmpty(Query);

    /// <summary>True on rows where the query has no rows.</summary>
    public static Expr IsEmpty(QuerySym q) => Expr.Call("eq", CountOf(q), Expr.Lit(0));

    /// <summary>The rows of the query (filter only), as an int32 count aggregate.</summary>
    public static AggregateExpr CountOf(QuerySym q)
        => new(AggregateKind.Count, q.Relation.Path, q.Relation.RowPrefix, null, q.Filter, null, false, false, false, ExprType.Int32, false);
}
