namespace Chalk.Examples.Marketplace;

/// <summary>A category of the catalogue, keyed by its name (the <c>catalog</c> source).</summary>
[Features]
public class CatalogCategory
{
    /// <summary>The category's name, as products name it, e.g. <c>kitchen</c>.</summary>
    [Primary] public string Name { get; init; } = "";
    /// <summary>The store department it belongs to.</summary>
    public string Department { get; init; } = "";
    /// <summary>The share of the price the marketplace keeps, e.g. 0.12.</summary>
    public double CommissionRate { get; init; }
}
