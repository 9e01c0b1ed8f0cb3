namespace Chalk.Examples.Marketplace;

/// <summary>The marketplace's C# resolvers: plain static methods a unit test can call directly.</summary>
public static class MarketplaceResolvers
{
    private const double SalesTaxRate = 0.0825;

    private static readonly string[] s_positive = ["love", "great", "excellent", "best", "perfect", "fast", "recommend", "happy", "works", "beautiful"];
    private static readonly string[] s_negative = ["terrible", "broke", "damaged", "wrong", "poor", "refund", "slow", "disappointed", "cheap", "not"];

    /// <summary>Scales a 1–5 star rating to 0..1.</summary>
    [Resolver(Output = "review.normalized_rating")]
    public static double GetNormalizedRating(int rating) => (rating - 1) / 4.0;

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
