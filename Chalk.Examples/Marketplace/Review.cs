namespace Chalk.Examples.Marketplace;

/// <summary>A user's review of a product.</summary>
[Features]
public class Review
{
    /// <summary>The review's id.</summary>
    [Primary] public long Id { get; init; }
    /// <summary>The product reviewed. A review never moves to another product, so the online store may keep it for
    /// good: a query by review id then reaches the product's stored features without looking the review up.</summary>
    [MaxStaleness("infinity")] public long ProductId { get; init; }
    /// <summary>The author; like <see cref="ProductId"/>, it never changes.</summary>
    [MaxStaleness("infinity")] public long UserId { get; init; }
    /// <summary>Stars, 1 to 5.</summary>
    public int Rating { get; init; }
    /// <summary>The one-line summary.</summary>
    public string ReviewHeadline { get; init; } = "";
    /// <summary>The review text.</summary>
    public string ReviewBody { get; init; } = "";
    /// <summary>How many readers found it helpful.</summary>
    public int HelpfulVotes { get; init; }
    /// <summary>Whether the author bought the product here.</summary>
    public bool VerifiedPurchase { get; init; }
    /// <summary>When it was written.</summary>
    public DateTime CreatedAt { get; init; }
    /// <summary>The rating scaled to 0..1; computed by <see cref="MarketplaceResolvers.GetNormalizedRating"/>.</summary>
    public double NormalizedRating { get; init; }
    /// <summary>Text sentiment in -1..1; computed by <see cref="MarketplaceResolvers.GetSentimentScore"/>.</summary>
    public double SentimentScore { get; init; }
    /// <summary>The product (has-one through <see cref="ProductId"/>).</summary>
    public Product? Product { get; init; }
    /// <summary>The author (has-one through <see cref="UserId"/>).</summary>
    public User? User { get; init; }

    /// <summary>Four stars or more.</summary>
    public bool IsPositive => Rating >= 4;
    /// <summary>The body's length in UTF-16 code units.</summary>
    public int BodyLength => ReviewBody.Length;
    /// <summary>Five or more helpful votes.</summary>
    public bool IsHelpful => HelpfulVotes >= 5;
}
