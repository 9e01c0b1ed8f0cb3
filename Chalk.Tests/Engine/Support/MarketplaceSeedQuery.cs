namespace Chalk.Tests.Engine.Support;

/// <summary>The seed's example query on the bundled marketplace: <c>review.id = 241</c> and its outputs, with the answers
/// worked out by hand from <c>seed.sql</c> and <c>catalog.sql</c> in DuckDB (the queries are below), not read from the engine.</summary>
/// <remarks>
/// Review 241: product 1706 ("Ergonomic Kettle", 7 reviews, the latest, 241 itself, written 2024-05-10 07:20:01 with 5 stars),
/// author 1134 ("Linus Dijkstra", username guido_1134), headline "Fantastic", body "Excellent craftsmanship. My kids love it
/// too.", catalogue description "Aluminium build with a battery that lasts all day. Ideal for the bedroom."
/// <code>
/// -- product 1706's reviews, and the windows as of t
/// select count(*) filter (where created_at &gt;= t - interval 30 day and created_at &lt;= t),           -- 90, 360 likewise
///        count(*) filter (where created_at &lt;= t), avg(rating::double) filter (where created_at &lt;= t)
/// from marketplace_review, (values (timestamp '2024-06-01'), (timestamp '2026-12-06')) v(t) where product_id = 1706 group by t;
/// -- 2024-06-01: 1, 2, 5, 7, 4.0      2026-12-06: 0, 0, 0, 7, 4.0
/// -- the author's orders, inquiries (and distinct products asked about), reviews and mean rating given, as of t
/// select (select count(*) from marketplace_order where user_id = 1134 and created_at &lt;= t),
///        (select count(*) from marketplace_inquiry where user_id = 1134 and created_at &lt;= t),
///        (select count(distinct product_id) from marketplace_inquiry where user_id = 1134 and created_at &lt;= t),
///        (select count(*) from marketplace_review where user_id = 1134 and created_at &lt;= t),
///        (select avg(rating::double) from marketplace_review where user_id = 1134 and created_at &lt;= t) from (values …) v(t);
/// -- 2024-06-01: 5, 2, 2, 9, 4.666666666666667 (42 / 9)      2026-12-06: 5, 2, 2, 10, 4.7
/// </code>
/// The rest follows from the definitions: normalized (5 − 4.0) / 4 = 0.25; lexicon sentiment (excellent, love: 2 positive,
/// 0 negative) 1.0, so <c>positive</c>; 5 stars is above 3; the offline LLM counts fantastic, excellent and love (Positive)
/// and files the product under kitchen (the title's "kettle" counts twice against one hit each for electronics, "battery",
/// and home, "bedroom"); two of three signals make the online verdict true.
/// </remarks>
internal static class MarketplaceSeedQuery
{
    /// <summary>The time the engine tests pin the clock to: all of product 1706's reviews are visible, and some fall in each window.</summary>
    public static readonly DateTimeOffset PinnedTime = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Outputs =
    [
        "review.sentiment",
        "review.user.total_orders_placed",
        "review.user.total_product_inquiry_count",
        "review.user.unique_products_inquired_about",
        "review.user.average_rating_given",
        "review.user.review_count",
        "review.product.category_value",
        "review.product.average_rating",
        "review.product.total_reviews",
        "review.product.review_count[30d]",
        "review.product.review_count[90d]",
        "review.product.review_count[360d]",
        "review.product.most_recent_review_rating",
        "review.reviewer_name",
        "review.is_positive_review_online",
        "review.user.marketplace_username",
        "review.normalized_rating",
        "review.is_positive_review_from_rating",
        "review.is_positive_review_from_sentiment",
        "review.is_positive_review_from_llm",
    ];

    /// <summary>The answers as of <see cref="PinnedTime"/>.</summary>
    public static IReadOnlyDictionary<string, object?> AtPinnedTime { get; } = Answers(averageRatingGiven: 42.0 / 9, reviewCount: 9, windows: (1, 2, 5));

    /// <summary>The answers at any time after the seed's last review (2024-12-30) plus 360 days: what <c>chalk query</c> prints today.</summary>
    public static IReadOnlyDictionary<string, object?> Today { get; } = Answers(averageRatingGiven: 4.7, reviewCount: 10, windows: (0, 0, 0));

    private static Dictionary<string, object?> Answers(double averageRatingGiven, long reviewCount, (long D30, long D90, long D360) windows) => new()
    {
        ["review.sentiment"] = "positive",
        ["review.user.total_orders_placed"] = 5L,
        ["review.user.total_product_inquiry_count"] = 2L,
        ["review.user.unique_products_inquired_about"] = 2L,
        ["review.user.average_rating_given"] = averageRatingGiven,
        ["review.user.review_count"] = reviewCount,
        ["review.product.category_value"] = "kitchen",
        ["review.product.average_rating"] = 4.0,
        ["review.product.total_reviews"] = 7L,
        ["review.product.review_count[30d]"] = windows.D30,
        ["review.product.review_count[90d]"] = windows.D90,
        ["review.product.review_count[360d]"] = windows.D360,
        ["review.product.most_recent_review_rating"] = 5,
        ["review.reviewer_name"] = "Linus Dijkstra",
        ["review.is_positive_review_online"] = true,
        ["review.user.marketplace_username"] = "@guido_1134",
        ["review.normalized_rating"] = 0.25,
        ["review.is_positive_review_from_rating"] = true,
        ["review.is_positive_review_from_sentiment"] = true,
        ["review.is_positive_review_from_llm"] = true,
    };
}
