namespace Chalk;

/// <summary>Excludes a property of a <see cref="FeaturesAttribute"/> class from being a feature.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class IgnoreAttribute : Attribute;
