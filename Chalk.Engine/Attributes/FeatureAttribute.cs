namespace Chalk;

/// <summary>On a property: overrides its feature name. On a resolver parameter: names the feature path bound to it.</summary>
/// <example><c>[Feature("transaction.locale.sales_tax_rate")] double rate</c></example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class FeatureAttribute(string name) : Attribute
{
    /// <summary>The feature name (on a property) or path (on a parameter).</summary>
    public string Name { get; } = name;
}
