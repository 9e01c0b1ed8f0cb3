namespace Chalk.Examples.Marketplace;

/// <summary>A shop that lists products.</summary>
[Features]
public class Seller
{
    /// <summary>The seller's id.</summary>
    [Primary] public long Id { get; init; }
    /// <summary>The shop name.</summary>
    public string Name { get; init; } = "";
    /// <summary>ISO country code.</summary>
    public string Country { get; init; } = "";
    /// <summary>When the seller joined.</summary>
    public DateTime JoinedAt { get; init; }
    /// <summary>The platform's trust rating, when assessed.</summary>
    public double? Rating { get; init; }
    /// <summary>The seller's listings.</summary>
    public DataFrame<Product> Products { get; init; } = [];

    /// <summary>How many products the seller lists.</summary>
    public long ProductCount => Products.Count;
    /// <summary>Whether the trust rating is 4.5 or better.</summary>
    public bool IsTopRated => Rating >= 4.5;
}
