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

    /// <summary>The feature that says when a row came to be (<see cref="FeatureTimeAttribute"/>, else <c>created_at</c> or
    /// <c>timestamp</c>); rows after a query's time are invisible to it. Null when rows are always visible.</summary>
    public FeatureDefinition? TimeFeature { get; internal set; }

    /// <summary>The features in declaration order.</summary>
    public IReadOnlyList<FeatureDefinition> Features => _ordered;

    /// <summary>The feature named <paramref name="name"/> (snake_case), or null.</summary>
    public FeatureDefinition? Find(string name) => _features.GetValueOrDefault(name);

    internal void Add(FeatureDefinition feature)
    {
        if (!_features.TryAdd(feature.Name, feature))
            throw new ChalkDefinitionException(
                $"{feature.Member}: feature name '{feature.Path}' is already used by {_features[feature.Name].Member}; rename one or set [Feature(\"...\")]");
        _ordered.Add(feature);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
