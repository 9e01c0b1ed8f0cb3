namespace Chalk;

/// <summary>Marks a class whose properties are features; the class name in snake_case is the feature namespace.</summary>
/// <remarks>Class <c>Transaction</c> with property <c>IsExpensive</c> defines <c>transaction.is_expensive</c>.</remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FeaturesAttribute : Attribute
{
    /// <summary>Overrides the namespace (default: the class name in snake_case).</summary>
    public string? Name { get; init; }
}
