namespace Chalk.Expressions.Lifting;

/// <summary>A feature object seen by the lifter: <c>this</c> of an instance getter (path <c>""</c>) or a relation reached from it (e.g. <c>"user"</c>).</summary>
/// <remarks>
/// The lifter never reads fields of a symbolic object; every property getter called on it is resolved by
/// <see cref="IMemberBinder.Bind"/>. <see cref="IsMissing"/> lets a has-one relation be absent per row, so
/// <c>this.User?.Name</c> and <c>this.User is null</c> lift.
/// </remarks>
public sealed class SymbolicObject
{
    /// <summary>Creates a symbolic object.</summary>
    /// <param name="path">The feature path from the root, <c>""</c> for <c>this</c>, e.g. <c>"user"</c>.</param>
    /// <param name="clrType">The object's CLR type (the feature class).</param>
    /// <param name="isMissing">A bool expression true on rows where the object is null, or null if it is never null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="clrType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="isMissing"/> is not a bool expression.</exception>
    public SymbolicObject(string path, Type clrType, Expr? isMissing = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(clrType);
        if (isMissing is not null && isMissing.Type != ExprType.Bool)
            throw new ArgumentException($"isMissing must be a bool expression, got {isMissing.Type.Name()}.", nameof(isMissing));
        Path = path;
        ClrType = clrType;
        IsMissing = isMissing;
    }

    /// <summary>The feature path from the root object; <c>""</c> for <c>this</c>.</summary>
    public string Path { get; }

    /// <summary>The object's CLR type.</summary>
    public Type ClrType { get; }

    /// <summary>True on rows where the object is null; null when it is never null.</summary>
    public Expr? IsMissing { get; }

    /// <inheritdoc/>
    public override string ToString() => $"object(\"{Path}\": {ClrType.Name})";
}

/// <summary>What an instance property getter of a feature class lifts to: a scalar expression, another symbolic object, or a has-many relation.</summary>
public sealed class MemberBinding
{
    private MemberBinding(Expr? scalar, SymbolicObject? obj, SymbolicRelation? relation)
    {
        Scalar = scalar;
        Object = obj;
        Relation = relation;
    }

    /// <summary>The scalar value (e.g. <c>col("total")</c>), or null when the binding is an object.</summary>
    public Expr? Scalar { get; }

    /// <summary>The related object (e.g. path <c>"user"</c>), or null when the binding is not a has-one relation.</summary>
    public SymbolicObject? Object { get; }

    /// <summary>The has-many relation (e.g. path <c>"reviews"</c>), or null when the binding is not a has-many relation.</summary>
    public SymbolicRelation? Relation { get; }

    /// <summary>Binds a getter to a scalar expression; its type must match the getter's return type (T? ↔ a nullable expression).</summary>
    /// <param name="scalar">The expression.</param>
    /// <returns>The binding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scalar"/> is null.</exception>
    public static MemberBinding ToScalar(Expr scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        return new MemberBinding(scalar, null, null);
    }

    /// <summary>Binds a getter to a related symbolic object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The binding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="obj"/> is null.</exception>
    public static MemberBinding ToObject(SymbolicObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new MemberBinding(null, obj, null);
    }

    /// <summary>Binds a getter to a has-many relation; LINQ over it lifts to <see cref="AggregateExpr"/> nodes.</summary>
    /// <param name="relation">The relation.</param>
    /// <returns>The binding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="relation"/> is null.</exception>
    public static MemberBinding ToRelation(SymbolicRelation relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        return new MemberBinding(null, null, relation);
    }
}

/// <summary>Resolves instance property getters called on symbolic feature objects while lifting (implemented by the engine).</summary>
public interface IMemberBinder
{
    /// <summary>Binds <paramref name="getter"/> called on <paramref name="receiver"/>.</summary>
    /// <param name="receiver">The object the getter is called on (path <c>""</c> is <c>this</c>).</param>
    /// <param name="getter">The property getter, e.g. <c>get_Total</c>.</param>
    /// <returns>The binding, or null when the binder does not know the member (the lifter then inlines the getter's IL if it has any, else fails with a reason).</returns>
    MemberBinding? Bind(SymbolicObject receiver, System.Reflection.MethodInfo getter);
}
