namespace Chalk.Definitions;

/// <summary>A <see cref="FeaturesAttribute"/> class: its namespace, primary key and features.</summary>
public sealed class FeatureClassDefinition
{
    private readonly Dictionary<string, FeatureDefinition> _features = new(StringComparer.Ordinal);
    private readonly List<FeatureDefinition> _ordered = [];

    internal FeatureClassDefinition(Type clrType, string name)
    {
        ClrType = clrType;
        Name = name;
    }

    /// <summary>The CLR class.</summary>
    public Type ClrType { get; }

    /// <summary>The snake_case namespace, e.g. <c>user</c>.</summary>
    public string Name { get; }

    /// <summary>The primary key feature, or null when the class has none.</summary>
    public FeatureDefinition? PrimaryKey { get; internal set; }

    /// <summary>The features in declaration order.</summary>
    public IReadOnlyList<FeatureDefinition> Features => _ordered;

    /// <summary>The feature named <paramref name="name"/> (snake_case), or null.</summary>
    public FeatureDefinition? Find(string name) => _features.GetValueOrDefault(name);

    internal void Add(FeatureDefinition feature)
    {
        if (!_features.TryAdd(feature.Name, feature))
            throw new ChalkDefinitionException(
                $"{ClrType.Name}.{feature.Property.Name}: feature name '{feature.Path}' is already used by {_features[feature.Name].Member}; rename one or set [Feature(\"...\")]");
        _ordered.Add(feature);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
