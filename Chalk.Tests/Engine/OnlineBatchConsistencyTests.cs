using Apache.Arrow;
using Chalk.Tests.Engine.Support;
using Chalk.Expressions;

namespace Chalk.Tests.Engine;

/// <summary>Batch answers equal online answers row by row; concurrent queries stay correct; hostile strings are data.</summary>
public sealed class OnlineBatchConsistencyTests
{
    private static readonly string[] s_outputs =
    [
        "review.rating", "review.normalized_rating", "review.sentiment_score", "review.is_positive", "review.created_at",
        "review.user.display_name", "review.user.birth_year", "review.product.average_rating", "review.product.seller.rating",
    ];

    private MarketplaceDatabase _db = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = await MarketplaceDatabase.CreateAsync();
        _engine = _db.BuildEngine((
            "by_username.chalk.sql",
            "-- resolves: User\n-- source: marketplace\nselect id, username, full_name from marketplace_user where username = ${user.username}\n"));
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Test]
    public async Task Batch_results_equal_online_results_row_by_row()
    {
        var random = new Random(20261125);
        var ids = Enumerable.Range(0, 120).Select(i => i % 17 == 0 ? (long?)null : i % 13 == 0 ? 99_999_999L : random.NextInt64(1, 20_001)).ToArray();
        var batch = await _engine.QueryBatchDetailedAsync(MarketplaceQueryTests.Batch("review.id", ids), s_outputs);
        Assert.That(batch.Table.Length, Is.EqualTo(ids.Length));
        Assert.That(batch.Table.Schema.FieldsList.Select(f => f.Name), Is.EqualTo(s_outputs));
        for (int row = 0; row < ids.Length; row++)
        {
            var online = await _engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = ids[row] }, s_outputs);
            for (int c = 0; c < s_outputs.Length; c++)
            {
                var expected = online[s_outputs[c]];
                var actual = ArrowValues.Get(batch.Table.Column(c), row);
                if (actual is DateTime d) actual = DateTime.SpecifyKind(d, DateTimeKind.Unspecified);
                Assert.That(actual, Is.EqualTo(expected), $"row {row} (review.id = {ids[row]?.ToString() ?? "null"}), {s_outputs[c]}");
            }
            Assert.That(batch.Errors.Where(e => e.Row == row).Select(e => e.Feature), Is.EquivalentTo(online.Errors.Select(e => e.Feature)));
        }
    }

    [Test]
    public async Task Eight_threads_of_concurrent_queries_all_get_their_own_answers()
    {
        var expected = new Dictionary<long, int>();
        var normalized = new Dictionary<long, double>();
        foreach (var id in Enumerable.Range(1, 400).Select(i => (long)(i * 37 % 20000 + 1)))
        {
            expected[id] = Convert.ToInt32(await _db.ScalarAsync($"select rating from marketplace_review where id = {id}"));
            normalized[id] = Convert.ToDouble(await _db.ScalarAsync(
                $"select (r.rating - (select avg(x.rating::double) from marketplace_review x where x.product_id = r.product_id)) / 4.0 from marketplace_review r where r.id = {id}"));
        }
        var ids = expected.Keys.ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (int i = t; i < ids.Length; i += 8)
            {
                var row = await _engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = ids[i] }, ["review.rating", "review.normalized_rating", "review.user.display_name"]);
                if (row.Get<int>("review.rating") != expected[ids[i]] || Math.Abs(row.Get<double>("review.normalized_rating") - normalized[ids[i]]) > 1e-12)
                    failures.Add($"review {ids[i]}");
            }
        })));
        Assert.That(failures, Is.Empty);
    }

    [TestCase("'; drop table marketplace_user; --")]
    [TestCase("ada_1' or '1'='1")]
    [TestCase("${user.id}")]
    [TestCase("\"; select 1; --")]
    public async Task Hostile_input_values_are_bound_as_data(string hostile)
    {
        var row = await _engine.QueryAsync(new Dictionary<string, object?> { ["user.username"] = hostile }, ["user.id", "user.full_name"]);
        Assert.That(row["user.id"], Is.Null);
        Assert.That(row["user.full_name"], Is.Null);
        Assert.That(await _db.ScalarAsync("select count(*) from marketplace_user"), Is.EqualTo(2000L));
        var real = await _engine.QueryAsync(new Dictionary<string, object?> { ["user.username"] = "alan_1" }, ["user.id"]);
        Assert.That(real.Get<long>("user.id"), Is.EqualTo(1L));
    }

    [Test]
    public async Task An_unknown_output_is_a_plan_error_that_suggests_the_nearest_names()
    {
        var ex = await Assert.ThrowsAsync<ChalkPlanException>(() =>
            _engine.QueryAsync(new Dictionary<string, object?> { ["user.id"] = 1L }, ["user.review_cont"]));
        Assert.That(ex!.Message, Does.Contain("user.review_cont").And.Contain("did you mean").And.Contain("user.review_count"));
    }

    [Test]
    public async Task An_input_of_the_wrong_type_names_the_input()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            _engine.QueryAsync(new Dictionary<string, object?> { ["user.id"] = "one" }, ["user.username"]));
        Assert.That(ex!.Message, Does.Contain("user.id").And.Contain("long"));
    }

    [Test]
    public void Explain_shows_each_output_and_the_path_that_serves_it()
    {
        var text = _engine.Explain(["review.id"], ["review.normalized_rating", "review.rating", "review.user.display_name", "review.sentiment_score"]);
        Assert.That(text, Does.Contain("logical plan:").And.Contain("physical plan:"));
        Assert.That(text, Does.Match(@"review\.normalized_rating\s+lifted\s+Lifted MarketplaceResolvers\.GetNormalizedRating \(gas \d+\): .*col\(""rating""\)"));
        Assert.That(text, Does.Match(@"review\.user\.display_name\s+lifted\s+Lifted User\.DisplayName"));
        Assert.That(text, Does.Match(@"review\.sentiment_score\s+fallback\s+Fallback MarketplaceResolvers\.GetSentimentScore.*not lifted: loop \(back edge"));
        Assert.That(text, Does.Match(@"review\.rating\s+sql\s+SqlLookup marketplace_review\.chalk\.sql"));
        Assert.That(text, Does.Contain("Exists review.user := review.user_id for rows with review#exists and found by review.user#found:marketplace_user.chalk.sql"));
    }

    [Test]
    public void Plans_are_cached_per_query_shape()
    {
        var first = _engine.Explain(["review.id"], ["review.rating"]);
        var second = _engine.Explain(["review.id"], ["review.rating"]);
        Assert.That(second, Is.EqualTo(first));
    }
}
