using System.Reflection;
using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;
using Chalk.Resolvers;

namespace Chalk.Lifting;

/// <summary>Binds the getters a computed property calls to feature columns named by their path from the object.</summary>
/// <remarks>
/// <c>this.Total</c> becomes <c>col("total")</c>, <c>this.User.Name</c> becomes <c>col("user.name")</c>, and the
/// related object is missing on rows where its key column (<c>user.id</c>, null where the row does not exist) is null
/// or a non-nullable feature read of it is null — exactly when the per-row fallback leaves the relation null. Computed getters are left to the lifter to
/// inline, except those with a max staleness, which bind to their columns. A has-many relation binds to a <see cref="SymbolicRelation"/> whose rows are named by the child class
/// (<c>review.rating</c>), so LINQ over it lifts into aggregate nodes.
/// </remarks>
internal sealed class FeatureMemberBinder(FeatureRegistry registry, ObjectShape reads) : IMemberBinder
{
    public MemberBinding? Bind(SymbolicObject receiver, MethodInfo getter)
    {
        var cls = registry.FindClass(receiver.ClrType);
        var feature = cls?.Features.FirstOrDefault(f => f.Getter == getter || (f.Property is not null && f.Getter.Name == getter.Name));
        // A computed feature with a max staleness is read as its column, not inlined, so a value from the online store
        // (or an input) stands in for its computation in every feature that reads it.
        if (feature is null || (feature.IsComputed && !(feature.MaxStaleness > TimeSpan.Zero))) return null;
        var prefix = receiver.Path.Length == 0 ? "" : receiver.Path + ".";
        switch (feature.Kind)
        {
            case FeatureKind.Scalar:
                var type = FeatureExprTypes.Of(feature.Type!);
                return type is null ? null : MemberBinding.ToScalar(Expr.Col(prefix + feature.Name, type.Value, nullable: true));
            case FeatureKind.HasOne:
                var path = prefix + feature.Name;
                var shape = ShapeAt(path);
                // The related row's key column is null exactly where the row does not exist (a null or dangling key).
                var key = feature.Target!.PrimaryKey!;
                Expr missing = Expr.IsNull(Expr.Col(path + "." + key.Name, FeatureExprTypes.Of(key.Type!)!.Value, nullable: true));
                foreach (var name in shape?.Scalars ?? [])
                {
                    var f = feature.Target!.Find(name)!;
                    if (f.Type!.IsNullable || FeatureExprTypes.Of(f.Type) is not { } t) continue;
                    missing = Expr.Or(missing, Expr.IsNull(Expr.Col(path + "." + name, t, nullable: true)));
                }
                return MemberBinding.ToObject(new SymbolicObject(path, feature.Target!.ClrType, missing));
            case FeatureKind.HasMany:
                // Children are named by their class (review.rating), as in the child frame and the aggregate's SQL.
                return MemberBinding.ToRelation(new SymbolicRelation(prefix + feature.Name, feature.Target!.ClrType, feature.Target.Name));
            default:
                return null;
        }
    }

    private ObjectShape? ShapeAt(string path)
    {
        var shape = reads;
        foreach (var part in path.Split('.'))
        {
            if (!shape.Relations.TryGetValue(part, out var next)) return null;
            shape = next;
        }
        return shape;
    }
}
