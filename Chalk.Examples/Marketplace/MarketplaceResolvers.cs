namespace Chalk.Examples.Marketplace;

/// <summary>The marketplace's C# resolvers: plain static methods a unit test can call directly.</summary>
public static class MarketplaceResolvers
{
    private const double SalesTaxRate = 0.0825;

    private static readonly string[] s_positive = ["love", "great", "excellent", "best", "perfect", "fast", "recommend", "happy", "works", "beautiful"];
    private static readonly string[] s_negative = ["terrible", "broke", "damaged", "wrong", "poor", "refund", "slow", "disappointed", "cheap", "not"];

    /// <summary>The rating relative to the product's average rating, divided by the 1–5 scale's width of 4: in -1..1, above
    /// zero for a review kinder than the product's reviews on average, 0 when the product's average is unknown.</summary>
    /// <remarks>It depends on an aggregation (<c>review.product.average_rating</c>, itself served from the online store for up
    /// to a day), so the engine computes the average before this resolver runs.</remarks>
    [Resolver(Output = "review.normalized_rating")]
    public static double GetNormalizedRating(int rating, [Feature("review.product.average_rating")] double? productAverageRating)
        => (rating - (productAverageRating ?? rating)) / 4.0;

    /// <summary>The public handle: <c>@</c> and the lower-cased username.</summary>
    [Resolver(Output = "user.marketplace_username")]
    public static string GetMarketplaceUsername(string username) => "@" + username.ToLowerInvariant();

    /// <summary>The price with the marketplace's flat sales tax, rounded to cents.</summary>
    [Resolver(Output = "product.price_with_tax")]
    public static double GetPriceWithTax(double price) => Math.Round(price * (1 + SalesTaxRate), 2);

    /// <summary>A lexicon sentiment score in -1..1: (positive − negative) / (positive + negative) words.</summary>
    [Resolver(Output = "review.sentiment_score")]
    public static double GetSentimentScore(string reviewBody)
    {
        int positive = 0, negative = 0;
        foreach (var word in reviewBody.Split([' ', ',', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries))
        {
            var w = word.ToLowerInvariant();
            if (s_positive.Contains(w)) positive++;
            else if (s_negative.Contains(w)) negative++;
        }
        return positive + negative == 0 ? 0.0 : (positive - negative) / (double)(positive + negative);
    }
}
