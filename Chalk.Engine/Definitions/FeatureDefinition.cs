using System.Reflection;

namespace Chalk.Definitions;

/// <summary>One feature of a feature class: a scalar, a has-one or a has-many relation.</summary>
public sealed class FeatureDefinition
{
    internal FeatureDefinition(FeatureClassDefinition owner, string name, PropertyInfo property, FeatureKind kind, FeatureType? type, bool isComputed)
        : this(owner, name, kind, type, isComputed, property.GetMethod!)
    {
        Property = property;
    }

    internal FeatureDefinition(FeatureClassDefinition owner, string name, FeatureWindow window, FeatureType type)
        : this(owner, name, FeatureKind.Scalar, type, isComputed: true, window.Method)
    {
        Window = window;
    }

    private FeatureDefinition(FeatureClassDefinition owner, string name, FeatureKind kind, FeatureType? type, bool isComputed, MethodInfo getter)
    {
        Getter = getter;
        Owner = owner;
        Name = name;
        Kind = kind;
        Type = type;
        IsComputed = isComputed;
    }

    /// <summary>The class that declares the feature.</summary>
    public FeatureClassDefinition Owner { get; }

    /// <summary>The snake_case feature name within its class, e.g. <c>total_spend</c>.</summary>
    public string Name { get; }

    /// <summary>The full name, e.g. <c>user.total_spend</c>.</summary>
    public string Path => Owner.Name + "." + Name;

    /// <summary>The property that declares it; null for a windowed feature, which a method declares.</summary>
    public PropertyInfo? Property { get; }

    /// <summary>The method that computes or reads the value: the property's getter, or a windowed feature's method.</summary>
    public MethodInfo Getter { get; }

    /// <summary>For a windowed feature (e.g. <c>review_count[30d]</c>): its method and window; null otherwise.</summary>
    public FeatureWindow? Window { get; }

    /// <summary>Scalar, has-one or has-many.</summary>
    public FeatureKind Kind { get; }

    /// <summary>The value type of a scalar feature; null for relations.</summary>
    public FeatureType? Type { get; }

    /// <summary>Whether the property computes its value (a getter with no backing field).</summary>
    public bool IsComputed { get; }

    /// <summary>How old a value from the online store may be when an online query serves it (see
    /// <see cref="MaxStalenessAttribute"/>); null when neither the feature nor its class declares one, which means never cached.</summary>
    public TimeSpan? MaxStaleness { get; internal set; }

    /// <summary>Whether this is its class's primary key.</summary>
    public bool IsPrimary => ReferenceEquals(Owner.PrimaryKey, this);

    /// <summary>For relations: the related class.</summary>
    public FeatureClassDefinition? Target { get; internal set; }

    /// <summary>For has-one: this class's foreign key feature; for has-many: the child's foreign key feature.</summary>
    public FeatureDefinition? ForeignKey { get; internal set; }

    /// <summary>The member that declares it, e.g. <c>Review.UserId</c>, for error messages.</summary>
    public string Member => Owner.ClrType.Name + "." + (Property?.Name ?? Getter.Name + "(" + Window!.Label + ")");

    /// <summary>The property, for features that are always declared by one (stored features and relations).</summary>
    internal PropertyInfo StoredProperty => Property ?? throw new ChalkInternalException($"{Path} is windowed and has no property");

    /// <inheritdoc/>
    public override string ToString() => Path;
}
