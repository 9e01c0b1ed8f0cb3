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
    /// <summary>The product's catalogue entry (has-one keyed by the product's own id, from the <c>catalog</c> source).</summary>
    [HasOne(ForeignKey = nameof(Id))] public CatalogEntry? CatalogEntry { get; init; }
    /// <summary>The catalogue's record of <see cref="Category"/> (has-one keyed by the category's name).</summary>
    [HasOne(ForeignKey = nameof(Category))] public CatalogCategory? CatalogCategory { get; init; }
    /// <summary>The category an LLM reads from the title and the catalogue's description; computed by
    /// <see cref="MarketplaceLlmResolvers.GetCategoryValue"/>.</summary>
    public string? CategoryValue { get; init; }

    /// <summary>How many reviews the product has.</summary>
    public long TotalReviews => Reviews.Count;
    /// <summary>How many reviews were written in the window that ends at the query's time: <c>product.review_count[30d]</c>,
    /// <c>[90d]</c> and <c>[360d]</c>.</summary>
    [Windowed("30d", "90d", "360d")]
    public long ReviewCount(Window w) => Reviews.Count(r => r.CreatedAt >= w.Start);
    /// <summary>The star rating of the latest review, or null with no reviews.</summary>
    public int? MostRecentReviewRating => Reviews.MaxBy(r => r.CreatedAt)?.Rating;
    /// <summary>The brand, from the catalogue; null when the catalogue has no entry for the product.</summary>
    public string? Brand => CatalogEntry?.Brand;
    /// <summary>The store department of the product's category, from the catalogue.</summary>
    public string? Department => CatalogCategory?.Department;
    /// <summary>The mean star rating, or null with no reviews; served from the online store for up to a day, since one
    /// more review barely moves the mean of many.</summary>
    [MaxStaleness("1d")] public double? AverageRating => Reviews.Average(r => (double?)r.Rating);
    /// <summary>Whether it costs more than $100.</summary>
    public bool IsExpensive => Price > 100;
    /// <summary>The title's length in UTF-16 code units.</summary>
    public int TitleLength => Title.Length;
}
