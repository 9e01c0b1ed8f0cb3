using Apache.Arrow;
using Chalk.Tests.Engine.Support;

namespace Chalk.Tests.Engine;

/// <summary>The bundled example answered through SQL lookups, has-one joins, has-many fetches and the per-row fallback,
/// checked against the same numbers computed by hand-written SQL in DuckDB.</summary>
public sealed class MarketplaceQueryTests
{
    private MarketplaceDatabase _db = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = await MarketplaceDatabase.CreateAsync();
        _engine = _db.BuildEngine();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Test]
    public async Task Review_241_has_a_normalized_rating_computed_from_its_stars()
    {
        var row = await _engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 241L }, ["review.normalized_rating"]);
        var stars = Convert.ToInt32(await _db.ScalarAsync("select rating from marketplace_review where id = 241"));
        Assert.That(row.Get<double>("review.normalized_rating"), Is.EqualTo((stars - 1) / 4.0));
        Assert.That(row.Errors, Is.Empty);
    }

    [TestCase(1L)]
    [TestCase(241L)]
    [TestCase(7777L)]
    [TestCase(20000L)]
    public async Task Features_through_relations_match_hand_written_sql(long id)
    {
        var row = await _engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = id }, [
            "review.rating", "review.is_positive", "review.user.display_name", "review.user.marketplace_username",
            "review.product.review_count", "review.product.average_rating", "review.product.seller.name",
            "review.product.price_with_tax", "review.body_length",
        ]);
        Assert.That(row.Errors, Is.Empty);
        var rating = Convert.ToInt32(await _db.ScalarAsync($"select rating from marketplace_review where id = {id}"));
        Assert.That(row.Get<int>("review.rating"), Is.EqualTo(rating));
        Assert.That(row.Get<bool>("review.is_positive"), Is.EqualTo(rating >= 4));
        Assert.That(row.Get<string>("review.user.display_name"), Is.EqualTo(await _db.ScalarAsync(
            $"select u.full_name || ' (@' || u.username || ')' from marketplace_review r join marketplace_user u on u.id = r.user_id where r.id = {id}")));
        Assert.That(row.Get<string>("review.user.marketplace_username"), Is.EqualTo(await _db.ScalarAsync(
            $"select '@' || lower(u.username) from marketplace_review r join marketplace_user u on u.id = r.user_id where r.id = {id}")));
        Assert.That(row.Get<long>("review.product.review_count"), Is.EqualTo(Convert.ToInt64(await _db.ScalarAsync(
            $"select count(*) from marketplace_review x where x.product_id = (select product_id from marketplace_review where id = {id})"))));
        Assert.That(row.Get<double?>("review.product.average_rating"), Is.EqualTo(Convert.ToDouble(await _db.ScalarAsync(
            $"select avg(x.rating::double) from marketplace_review x where x.product_id = (select product_id from marketplace_review where id = {id})"))).Within(1e-12));
        Assert.That(row.Get<string>("review.product.seller.name"), Is.EqualTo(await _db.ScalarAsync(
            $"select s.name from marketplace_review r join marketplace_product p on p.id = r.product_id join marketplace_seller s on s.id = p.seller_id where r.id = {id}")));
        Assert.That(row.Get<double>("review.product.price_with_tax"), Is.EqualTo(Math.Round(Convert.ToDouble(await _db.ScalarAsync(
            $"select p.price from marketplace_review r join marketplace_product p on p.id = r.product_id where r.id = {id}")) * 1.0825, 2)));
        Assert.That(row.Get<int>("review.body_length"), Is.EqualTo(Convert.ToInt32(await _db.ScalarAsync(
            $"select length(review_body) from marketplace_review where id = {id}"))));
    }

    [Test]
    public async Task User_aggregates_over_has_many_relations_match_sql_for_every_user_in_a_batch()
    {
        var ids = Enumerable.Range(1, 300).Select(i => (long)i).ToArray();
        var result = await _engine.QueryBatchAsync(Batch("user.id", ids), ["user.review_count", "user.average_rating_given", "user.purchase_count"]);
        var counts = await _db.ColumnAsync("select (select count(*) from marketplace_review r where r.user_id = u.id) from marketplace_user u where u.id <= 300 order by u.id");
        var averages = await _db.ColumnAsync("select (select avg(r.rating::double) from marketplace_review r where r.user_id = u.id) from marketplace_user u where u.id <= 300 order by u.id");
        var purchases = await _db.ColumnAsync("select (select count(*) from marketplace_interaction i where i.user_id = u.id and i.kind = 'purchase') from marketplace_user u where u.id <= 300 order by u.id");
        var countColumn = (Int64Array)result.Column(0);
        var averageColumn = (DoubleArray)result.Column(1);
        var purchaseColumn = (Int64Array)result.Column(2);
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.That(countColumn.GetValue(i), Is.EqualTo(Convert.ToInt64(counts[i])), $"user {ids[i]} review_count");
            Assert.That(averageColumn.GetValue(i), Is.EqualTo(averages[i] is null ? null : Convert.ToDouble(averages[i])).Within(1e-12), $"user {ids[i]} average");
            Assert.That(purchaseColumn.GetValue(i), Is.EqualTo(Convert.ToInt64(purchases[i])), $"user {ids[i]} purchases");
        }
    }

    [Test]
    public async Task An_unknown_key_gives_nulls_not_an_error()
    {
        var row = await _engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 987654321L },
            ["review.rating", "review.user.display_name", "review.normalized_rating"]);
        Assert.That(row["review.rating"], Is.Null);
        Assert.That(row["review.user.display_name"], Is.Null);
        Assert.That(row["review.normalized_rating"], Is.Null);
        Assert.That(row.Errors, Is.Empty);
    }

    internal static RecordBatch Batch(string name, long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.Value); }
        return new RecordBatch(new Schema([new Field(name, Apache.Arrow.Types.Int64Type.Default, true)], null), [b.Build()], values.Length);
    }

    internal static RecordBatch Batch(string name, long[] values) => Batch(name, values.Select(v => (long?)v).ToArray());
}
