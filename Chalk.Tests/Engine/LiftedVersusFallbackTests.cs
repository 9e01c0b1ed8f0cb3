using Chalk.Tests.Engine.Support;
using Chalk.Expressions;

namespace Chalk.Tests.Engine;

/// <summary>Every feature served by a lifted C# body gives the same values and failing rows as the same engine with lifting off.</summary>
public sealed class LiftedVersusFallbackTests
{
    private static readonly string[] s_reviewOutputs =
    [
        "review.normalized_rating", "review.is_positive", "review.body_length", "review.is_helpful", "review.sentiment_score",
        "review.user.display_name", "review.user.email_domain", "review.user.marketplace_username", "review.product.is_expensive",
        "review.product.title_length", "review.product.price_with_tax", "review.product.seller.is_top_rated",
        "review.sentiment", "review.reviewer_name", "review.is_positive_review_from_rating", "review.is_positive_review_from_sentiment",
        "review.is_positive_review_online", "review.product.total_reviews", "review.product.most_recent_review_rating",
        "review.user.total_orders_placed", "review.user.unique_products_inquired_about",
    ];

    private MarketplaceDatabase _db = null!;
    private ChalkEngine _lifted = null!;
    private ChalkEngine _perRow = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = await MarketplaceDatabase.CreateAsync();
        _lifted = _db.BuildEngine();
        _perRow = _db.BuildEngine(disableLifting: true);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _lifted.DisposeAsync();
        await _perRow.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Test]
    public void The_example_lifts_its_simple_bodies_and_says_why_the_others_run_per_row()
    {
        var text = _lifted.Explain(["review.id"], s_reviewOutputs);
        foreach (var lifted in new[] { "review.normalized_rating", "review.is_positive", "review.body_length", "review.user.display_name", "review.product.price_with_tax",
                     "review.sentiment", "review.reviewer_name", "review.is_positive_review_from_sentiment", "review.is_positive_review_online", "review.product.most_recent_review_rating" })
            Assert.That(text, Does.Match($@"{lifted.Replace(".", @"\.", StringComparison.Ordinal)}\s+lifted\s+Lifted "), lifted);
        Assert.That(text, Does.Match(@"review\.sentiment_score\s+fallback\s+.*not lifted: loop"));
        Assert.That(_perRow.Explain(["review.id"], s_reviewOutputs), Does.Not.Contain("Lifted "));
    }

    [Test]
    public async Task Lifted_and_per_row_engines_agree_on_every_row()
    {
        var random = new Random(7);
        var ids = Enumerable.Range(0, 3000).Select(i => i % 97 == 0 ? (long?)null : i % 89 == 0 ? -5L : random.NextInt64(1, 20_001)).ToArray();
        var input = MarketplaceQueryTests.Batch("review.id", ids);
        var a = await _lifted.QueryBatchDetailedAsync(input, s_reviewOutputs);
        var b = await _perRow.QueryBatchDetailedAsync(input, s_reviewOutputs);
        for (int c = 0; c < s_reviewOutputs.Length; c++)
        {
            for (int row = 0; row < ids.Length; row++)
            {
                Assert.That(ArrowValues.Get(a.Table.Column(c), row), Is.EqualTo(ArrowValues.Get(b.Table.Column(c), row)),
                    $"{s_reviewOutputs[c]} for review.id = {ids[row]?.ToString() ?? "null"}");
            }
        }
        Assert.That(a.Errors.Select(e => (e.Feature, e.Row)), Is.EquivalentTo(b.Errors.Select(e => (e.Feature, e.Row))));
    }

    [Test]
    public async Task Verification_runs_each_lifted_body_against_its_method_on_random_rows()
    {
        var results = await _lifted.VerifyLiftingAsync(rows: 3000, seed: 11);
        Assert.That(results.Select(r => r.Resolver), Does.Contain("Review.IsPositive").And.Contain("User.DisplayName"));
        Assert.That(results.Where(r => !r.Agrees).SelectMany(r => r.Disagreements.Prepend(r.Resolver)), Is.Empty);
        Assert.That(_lifted.DescribeLifting().Single(b => b.Resolver == "MarketplaceResolvers.GetSentimentScore").Detail, Does.StartWith("loop"));
    }
}
