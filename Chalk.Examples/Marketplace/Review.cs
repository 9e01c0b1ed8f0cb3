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
    /// <summary>How far the rating sits above or below the product's average rating, in -1..1; computed by
    /// <see cref="MarketplaceResolvers.GetNormalizedRating"/>.</summary>
    public double NormalizedRating { get; init; }
    /// <summary>Text sentiment in -1..1; computed by <see cref="MarketplaceResolvers.GetSentimentScore"/>.</summary>
    public double SentimentScore { get; init; }
    /// <summary>Whether an LLM reads the headline and body as positive; computed by
    /// <see cref="MarketplaceLlmResolvers.GetIsPositiveReviewFromLlm"/>.</summary>
    public bool IsPositiveReviewFromLlm { get; init; }
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
    /// <summary>The author's full name, through the has-one <see cref="User"/>; null when the author does not exist.</summary>
    public string? ReviewerName => User?.FullName;
    /// <summary><c>positive</c>, <c>negative</c> or <c>neutral</c> (a score within 0.25 of zero) from <see cref="SentimentScore"/>.</summary>
    public string Sentiment => Math.Abs(SentimentScore) < 0.25 ? "neutral" : SentimentScore > 0 ? "positive" : "negative";
    /// <summary>Whether the stars are above the scale's midpoint of 3.</summary>
    public bool IsPositiveReviewFromRating => Math.Sign(Rating - 3) > 0;
    /// <summary>Whether <see cref="Sentiment"/> is <c>positive</c>: a computed feature over another computed feature.</summary>
    public bool IsPositiveReviewFromSentiment => Sentiment == "positive";
    /// <summary>The verdict shown on the site: positive when at least two of the rating, the text's sentiment and the LLM
    /// say so.</summary>
    public bool IsPositiveReviewOnline
        => (IsPositiveReviewFromRating ? 1 : 0) + (IsPositiveReviewFromSentiment ? 1 : 0) + (IsPositiveReviewFromLlm ? 1 : 0) >= 2;
}
