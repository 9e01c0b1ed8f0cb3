namespace Chalk.Expressions.Lifting;

/// <summary>A has-many relation seen by the lifter (e.g. <c>this.Reviews</c>): LINQ over it lifts to <see cref="AggregateExpr"/> nodes.</summary>
/// <remarks>
/// The member binder returns one through <see cref="MemberBinding.ToRelation"/> for a getter whose value is a
/// relation (the engine's <c>DataFrame&lt;T&gt;</c>, or any <c>IReadOnlyList&lt;T&gt;</c>/<c>IEnumerable&lt;T&gt;</c>).
/// Lambdas passed to LINQ operators are lifted with their parameter bound to
/// <c>new SymbolicObject(RowPrefix, ElementType)</c>, so the child's getters go back to the same binder.
/// </remarks>
public sealed class SymbolicRelation
{
    /// <summary>Creates a relation.</summary>
    /// <param name="path">The relation's path from the root object, e.g. <c>"reviews"</c> or <c>"user.reviews"</c> (becomes <see cref="AggregateExpr.Relation"/>).</param>
    /// <param name="elementType">The child rows' CLR class.</param>
    /// <param name="rowPrefix">The prefix of the child columns, e.g. <c>"review"</c> (becomes <see cref="AggregateExpr.Row"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="elementType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> or <paramref name="rowPrefix"/> is null or empty.</exception>
    public SymbolicRelation(string path, Type elementType, string rowPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(elementType);
        ArgumentException.ThrowIfNullOrEmpty(rowPrefix);
        Path = path;
        ElementType = elementType;
        RowPrefix = rowPrefix;
    }

    /// <summary>The relation's path from the root object, e.g. <c>"reviews"</c>.</summary>
    public string Path { get; }

    /// <summary>The child rows' CLR class.</summary>
    public Type ElementType { get; }

    /// <summary>The prefix of the child columns, e.g. <c>"review"</c>: a lambda may read only columns named <c>{RowPrefix}.…</c> (and <see cref="AggregateExpr.AsOfColumn"/>).</summary>
    public string RowPrefix { get; }

    /// <inheritdoc/>
    public override string ToString() => $"relation(\"{Path}\": {ElementType.Name} as \"{RowPrefix}\")";
}
