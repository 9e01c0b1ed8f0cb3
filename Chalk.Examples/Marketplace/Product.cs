namespace Chalk.Examples.Marketplace;

/// <summary>A listed product.</summary>
[Features]
public class Product
{
    /// <summary>The product's id.</summary>
    [Primary] public long Id { get; init; }
    /// <summary>The seller listing it.</summary>
    public long SellerId { get; init; }
    /// <summary>The listing title.</summary>
    public string Title { get; init; } = "";
    /// <summary>The catalogue category.</summary>
    public string Category { get; init; } = "";
    /// <summary>The list price in dollars.</summary>
    public double Price { get; init; }
    /// <summary>When it was listed.</summary>
    public DateTime ListedAt { get; init; }
    /// <summary>The price including sales tax; computed by <see cref="MarketplaceResolvers.GetPriceWithTax"/>.</summary>
    public double PriceWithTax { get; init; }
    /// <summary>The seller (has-one through <see cref="SellerId"/>).</summary>
    public Seller? Seller { get; init; }
    /// <summary>The product's reviews.</summary>
    public DataFrame<Review> Reviews { get; init; } = [];

    /// <summary>How many reviews the product has.</summary>
    public long ReviewCount => Reviews.Count;
    /// <summary>The mean star rating, or null with no reviews; served from the online store for up to a day, since one
    /// more review barely moves the mean of many.</summary>
    [MaxStaleness("1d")] public double? AverageRating => Reviews.Average(r => (double?)r.Rating);
    /// <summary>Whether it costs more than $100.</summary>
    public bool IsExpensive => Price > 100;
    /// <summary>The title's length in UTF-16 code units.</summary>
    public int TitleLength => Title.Length;
}
