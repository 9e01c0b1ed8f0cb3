using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>A computed property (a getter with no backing field) as the resolver of its own feature.</summary>
public sealed class ComputedPropertyDefinition : ResolverDefinition
{
    internal ComputedPropertyDefinition(FeatureDefinition feature, ObjectShape reads)
        : base(feature.Member, feature.Owner.ClrType.FullName + "." + (feature.Property?.Name ?? feature.Name), feature.Owner)
    {
        Feature = feature;
        Reads = reads;
        Inputs = reads.Paths().ToList();
    }

    /// <summary>The feature it computes.</summary>
    public FeatureDefinition Feature { get; }

    /// <summary>The part of the object graph the getter reads, found by scanning its IL.</summary>
    public ObjectShape Reads { get; }

    /// <inheritdoc/>
    public override ResolverKind Kind => ResolverKind.ComputedProperty;

    /// <inheritdoc/>
    public override IReadOnlyList<FeaturePath> Inputs { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<FeatureDefinition> Outputs => [Feature];
}
