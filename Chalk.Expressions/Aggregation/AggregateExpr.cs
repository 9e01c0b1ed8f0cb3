namespace Chalk.Expressions;

/// <summary>An aggregation over the rows of a has-many relation, as one value per parent row (e.g. <c>Reviews.Average(r =&gt; (double?)r.Rating)</c>).</summary>
/// <remarks>
/// <para>
/// The node is a leaf of the parent's expression: <see cref="Value"/>, <see cref="Filter"/> and <see cref="Order"/>
/// are expressions over the <em>child</em> rows (columns named <c>{Row}.{feature}</c>, e.g. <c>review.rating</c>, plus
/// the parent's query time <see cref="AsOfColumn"/>), so they are not <see cref="Expr.Children"/> and the kernels cannot
/// evaluate the node. The engine computes every aggregate of a relation at once (in SQL or over Arrow) and replaces the
/// node by the resulting column before compiling the parent expression.
/// </para>
/// <para>
/// Row order, where it matters (ties of <see cref="AggregateKind.MinBy"/>/<see cref="AggregateKind.MaxBy"/>,
/// <see cref="AggregateKind.First"/>/<see cref="AggregateKind.Last"/>), is the child's primary key ascending: the order
/// LINQ would see if the relation listed its rows by key.
/// </para>
/// </remarks>
public sealed class AggregateExpr : Expr
{
    /// <summary>The column holding each parent row's query time (now for online queries, the row's as-of time offline).</summary>
    public const string AsOfColumn = "__chalk_as_of";

    /// <summary>The row error LINQ raises for <c>Average</c>/<c>Min</c>/<c>Max</c>/<c>First</c>/<c>Last</c> of no elements.</summary>
    public const string NoElementsMessage = "Sequence contains no elements";

    /// <summary>Creates an aggregate node; prefer the constructor's checks to building one by hand.</summary>
    /// <param name="kind">The aggregation.</param>
    /// <param name="relation">The has-many relation's path from the parent object, e.g. <c>reviews</c> or <c>user.reviews</c>.</param>
    /// <param name="row">The prefix of the child columns, e.g. <c>review</c>.</param>
    /// <param name="value">The per-child value (selector); null for <see cref="AggregateKind.Count"/> without distinct and <see cref="AggregateKind.Any"/>.</param>
    /// <param name="filter">A bool over the child row; rows where it is false or null are left out. Null keeps every row.</param>
    /// <param name="order">The ordering key for <see cref="AggregateKind.MinBy"/>, <see cref="AggregateKind.MaxBy"/>, <see cref="AggregateKind.First"/> and <see cref="AggregateKind.Last"/>; null means row order.</param>
    /// <param name="descending">Whether <paramref name="order"/> sorts descending (<c>OrderByDescending</c>).</param>
    /// <param name="distinct">Whether values are de-duplicated first (<c>Select(…).Distinct()</c>).</param>
    /// <param name="failOnEmpty">Whether no rows (no non-null values for Average/Min/Max) fails the row with <see cref="NoElementsMessage"/> instead of giving null.</param>
    /// <param name="type">The result type.</param>
    /// <param name="nullable">Whether the result may be null.</param>
    /// <exception cref="ArgumentException">The operands do not fit <paramref name="kind"/>.</exception>
    public AggregateExpr(AggregateKind kind, string relation, string row, Expr? value, Expr? filter, Expr? order, bool descending, bool distinct, bool failOnEmpty, ExprType type, bool nullable)
        : base(type, nullable)
    {
        ArgumentException.ThrowIfNullOrEmpty(relation);
        ArgumentException.ThrowIfNullOrEmpty(row);
        if (filter is not null && filter.Type != ExprType.Bool) throw new ArgumentException($"an aggregate's filter must be bool, got {filter.Type.Name()}.", nameof(filter));
        bool needsValue = kind is not (AggregateKind.Count or AggregateKind.Any) || distinct;
        if (needsValue && value is null) throw new ArgumentException($"{kind} needs a value expression.", nameof(value));
        if (kind == AggregateKind.All && value!.Type != ExprType.Bool) throw new ArgumentException("All's value is its predicate and must be bool.", nameof(value));
        if (order is not null && kind is not (AggregateKind.MinBy or AggregateKind.MaxBy or AggregateKind.First or AggregateKind.Last))
            throw new ArgumentException($"{kind} takes no ordering key.", nameof(order));
        if (order is null && kind is AggregateKind.MinBy or AggregateKind.MaxBy) throw new ArgumentException($"{kind} needs an ordering key.", nameof(order));
        Kind = kind;
        Relation = relation;
        Row = row;
        Value = value;
        Filter = filter;
        Order = order;
        Descending = descending;
        Distinct = distinct;
        FailOnEmpty = failOnEmpty;
    }

    /// <summary>The aggregation.</summary>
    public AggregateKind Kind { get; }

    /// <summary>The has-many relation's path from the parent object, e.g. <c>reviews</c>.</summary>
    public string Relation { get; }

    /// <summary>The prefix of the child columns, e.g. <c>review</c>.</summary>
    public string Row { get; }

    /// <summary>The per-child value, over child columns; null when the kind needs none.</summary>
    public Expr? Value { get; }

    /// <summary>The row filter over child columns (Where/predicate overloads and windows); null keeps every row.</summary>
    public Expr? Filter { get; }

    /// <summary>The ordering key, over child columns; null means row order (primary key ascending).</summary>
    public Expr? Order { get; }

    /// <summary>Whether <see cref="Order"/> is descending.</summary>
    public bool Descending { get; }

    /// <summary>Whether values are de-duplicated before aggregating.</summary>
    public bool Distinct { get; }

    /// <summary>Whether no rows fails the row (LINQ's non-nullable overloads) rather than giving null.</summary>
    public bool FailOnEmpty { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [];

    /// <summary>The expressions over the child rows: value, filter and order, those present.</summary>
    public IEnumerable<Expr> ChildRowExpressions => new[] { Value, Filter, Order }.Where(e => e is not null)!;

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        CheckArity(children, 0);
        return this;
    }

    /// <summary>Returns a copy with another filter (e.g. with a window or visibility condition added).</summary>
    /// <param name="filter">The new filter, or null.</param>
    /// <returns>The new node.</returns>
    public AggregateExpr WithFilter(Expr? filter)
        => new(Kind, Relation, Row, Value, filter, Order, Descending, Distinct, FailOnEmpty, Type, Nullable);

    private protected override bool NodeEquals(Expr other)
    {
        var o = (AggregateExpr)other;
        return o.Kind == Kind && o.Relation == Relation && o.Row == Row && o.Value == Value && o.Filter == Filter
            && o.Order == Order && o.Descending == Descending && o.Distinct == Distinct && o.FailOnEmpty == FailOnEmpty;
    }

    private protected override int NodeHash()
        => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Relation), Value?.GetHashCode() ?? 0, Filter?.GetHashCode() ?? 0, Order?.GetHashCode() ?? 0, Descending, Distinct, FailOnEmpty);
}
