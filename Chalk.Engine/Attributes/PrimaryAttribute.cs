namespace Chalk;

/// <summary>Marks the primary key of a feature class. Without it, a property named <c>Id</c> is the key.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PrimaryAttribute : Attribute;
