using Chalk.Definitions;

namespace Chalk.Resolvers;

/// <summary>How a resolver computes its features.</summary>
public enum ResolverKind
{
    /// <summary>A <c>*.chalk.sql</c> file run against a source.</summary>
    Sql,
    /// <summary>A static <see cref="ResolverAttribute"/> method.</summary>
    Method,
    /// <summary>A computed property of a feature class.</summary>
    ComputedProperty,
}

/// <summary>A resolver: the features it reads (paths from its class) and the features of its class it computes.</summary>
public abstract class ResolverDefinition
{
    private protected ResolverDefinition(string name, string origin, FeatureClassDefinition @class)
    {
        Name = name;
        Origin = origin;
        Class = @class;
    }

    /// <summary>A short name for plans, e.g. <c>marketplace_review.chalk.sql</c> or <c>Review.IsPositive</c>.</summary>
    public string Name { get; }

    /// <summary>Where it is defined (a file path or a member), for error messages.</summary>
    public string Origin { get; }

    /// <summary>The class whose features it computes.</summary>
    public FeatureClassDefinition Class { get; }

    /// <summary>How it computes.</summary>
    public abstract ResolverKind Kind { get; }

    /// <summary>The features it reads, as paths rooted at <see cref="Class"/>.</summary>
    public abstract IReadOnlyList<FeaturePath> Inputs { get; }

    /// <summary>The features of <see cref="Class"/> it computes.</summary>
    public abstract IReadOnlyList<FeatureDefinition> Outputs { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
