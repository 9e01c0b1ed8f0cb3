using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>The part of a feature-class object graph that code reads: stored scalars and related objects.</summary>
/// <remarks>The per-row fallback builds exactly this much of each object before calling the compiled getter.</remarks>
public sealed class ObjectShape(FeatureClassDefinition @class)
{
    /// <summary>The class of the object.</summary>
    public FeatureClassDefinition Class { get; } = @class;

    /// <summary>The stored scalar features read.</summary>
    public SortedSet<string> Scalars { get; } = new(StringComparer.Ordinal);

    /// <summary>The computed features with a max staleness read: a lifted body reads their columns (so a stored or given
    /// value stands in for the computation); the per-row fallback, which cannot set them, computes them inline.</summary>
    public SortedSet<string> Computed { get; } = new(StringComparer.Ordinal);

    /// <summary>The relations read (has-one and has-many) and what is read of the related objects.</summary>
    public SortedDictionary<string, ObjectShape> Relations { get; } = new(StringComparer.Ordinal);

    /// <summary>Every feature path read, rooted at <see cref="Class"/>; a has-many relation contributes paths through it.</summary>
    public IEnumerable<FeaturePath> Paths() => PathsUnder([]).Select(steps => new FeaturePath(Class, steps));

    private IEnumerable<List<FeatureDefinition>> PathsUnder(List<FeatureDefinition> prefix)
    {
        foreach (var s in Scalars.Concat(Computed)) yield return [.. prefix, Class.Find(s)!];
        foreach (var (name, child) in Relations)
        {
            var relation = Class.Find(name)!;
            // A related object exists where its key column is non-null (the engine nulls it where the row does not
            // exist); a has-many relation is read as its child frame.
            if (relation.Kind == FeatureKind.HasOne) yield return [.. prefix, relation, relation.Target!.PrimaryKey!];
            else yield return [.. prefix, relation];
            foreach (var p in child.PathsUnder([.. prefix, relation])) yield return p;
        }
    }

    /// <inheritdoc/>
    public override string ToString()
        => Class.Name + "{" + string.Join(", ", Scalars.Concat(Computed).Concat(Relations.Select(r => r.Key + ":" + r.Value))) + "}";
}
