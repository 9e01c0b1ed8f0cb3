namespace Chalk.Definitions;

/// <summary>A resolved feature path from a root class through relations to a feature, e.g. <c>review.user.name</c>.</summary>
public sealed class FeaturePath : IEquatable<FeaturePath>
{
    internal FeaturePath(FeatureClassDefinition root, IReadOnlyList<FeatureDefinition> steps)
    {
        Root = root;
        Steps = steps;
        Text = root.Name + "." + string.Join(".", steps.Select(s => s.Name));
    }

    /// <summary>The class the path starts from.</summary>
    public FeatureClassDefinition Root { get; }

    /// <summary>The relations walked, then the final feature.</summary>
    public IReadOnlyList<FeatureDefinition> Steps { get; }

    /// <summary>The final feature.</summary>
    public FeatureDefinition Feature => Steps[^1];

    /// <summary>The dotted text, e.g. <c>review.user.name</c>.</summary>
    public string Text { get; }

    /// <summary>Whether the path walks only has-one relations (so it has one value per root row).</summary>
    public bool IsSingleValued => Steps.Take(Steps.Count - 1).All(s => s.Kind == FeatureKind.HasOne);

    /// <summary>The same path below another root: <c>user.name</c> under <c>review.user</c>.</summary>
    public FeaturePath Under(FeatureClassDefinition root, IEnumerable<FeatureDefinition> prefix) => new(root, prefix.Concat(Steps).ToList());

    /// <inheritdoc/>
    public bool Equals(FeaturePath? other) => other is not null && other.Text == Text;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FeaturePath);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <inheritdoc/>
    public override string ToString() => Text;
}
