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
    public async Task Review_241_has_a_normalized_rating_computed_from_its_stars_and_its_products_average()
    {
        var row = await _engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 241L }, ["review.normalized_rating"]);
        var expected = Convert.ToDouble(await _db.ScalarAsync(
            "select (r.rating - (select avg(x.rating::double) from marketplace_review x where x.product_id = r.product_id)) / 4.0 from marketplace_review r where r.id = 241"));
        Assert.That(row.Get<double>("review.normalized_rating"), Is.EqualTo(expected).Within(1e-12));
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
            "review.product.total_reviews", "review.product.average_rating", "review.product.seller.name",
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
        Assert.That(row.Get<long>("review.product.total_reviews"), Is.EqualTo(Convert.ToInt64(await _db.ScalarAsync(
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
    public async Task Order_and_inquiry_counts_match_sql_for_every_user_in_a_batch()
    {
        var ids = Enumerable.Range(1, 300).Select(i => (long)(i * 7 % 2000 + 1)).ToArray();
        var result = await _engine.QueryBatchDetailedAsync(Batch("user.id", ids),
            ["user.total_orders_placed", "user.total_product_inquiry_count", "user.unique_products_inquired_about"]);
        Assert.That(result.Errors, Is.Empty);
        var keys = string.Join(", ", ids.Select((id, row) => $"({row}, {id})"));
        var expected = await _db.RowsAsync($"""
            select (select count(*) from marketplace_order o where o.user_id = k.id),
                   (select count(*) from marketplace_inquiry q where q.user_id = k.id),
                   (select count(distinct q.product_id) from marketplace_inquiry q where q.user_id = k.id)
            from (values {keys}) k(row, id) order by k.row
            """);
        for (int i = 0; i < ids.Length; i++)
        {
            for (int c = 0; c < 3; c++)
                Assert.That(((Int64Array)result.Table.Column(c)).GetValue(i), Is.EqualTo(Convert.ToInt64(expected[i][c])), $"user {ids[i]}, {result.Table.Schema.GetFieldByIndex(c).Name}");
        }
        Assert.That(expected.Sum(r => Convert.ToInt64(r[2])), Is.GreaterThan(100), "the users asked about many products");
    }

    [Test]
    public async Task Product_review_windows_and_latest_rating_match_sql_as_of_each_rows_time()
    {
        var ids = Enumerable.Range(1, 200).Select(i => (long)(i * 13 % 3000 + 1)).ToArray();
        var times = ids.Select((_, i) => new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i * 5).AddHours(i % 24)).ToArray();
        var ts = new TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, (string?)null));
        foreach (var t in times) ts.Append(new DateTimeOffset(t));
        var idArray = new Int64Array.Builder().AppendRange(ids).Build();
        var timeArray = ts.Build();
        var inputs = new RecordBatch(new Schema([new Field("product.id", idArray.Data.DataType, false), new Field("ts", timeArray.Data.DataType, false)], null),
            [idArray, timeArray], ids.Length);
        string[] outputs = ["product.review_count[30d]", "product.review_count[90d]", "product.review_count[360d]", "product.total_reviews", "product.most_recent_review_rating"];
        var result = await _engine.QueryBatchDetailedAsync(inputs, outputs, asOf: "ts");
        Assert.That(result.Errors, Is.Empty);

        var keys = string.Join(", ", ids.Select((id, row) => $"({row}, {id}, timestamp '{times[row]:yyyy-MM-dd HH:mm:ss}')"));
        var expected = await _db.RowsAsync($"""
            select count(r.id) filter (where r.created_at >= k.t - interval 30 day),
                   count(r.id) filter (where r.created_at >= k.t - interval 90 day),
                   count(r.id) filter (where r.created_at >= k.t - interval 360 day),
                   count(r.id),
                   arg_max(r.rating, r.created_at)
            from (values {keys}) k(row, id, t) left join marketplace_review r on r.product_id = k.id and r.created_at <= k.t
            group by k.row order by k.row
            """);
        for (int i = 0; i < ids.Length; i++)
        {
            for (int c = 0; c < 4; c++)
                Assert.That(((Int64Array)result.Table.Column(c)).GetValue(i), Is.EqualTo(Convert.ToInt64(expected[i][c])), $"product {ids[i]} as of {times[i]:s}, {outputs[c]}");
            Assert.That(((Int32Array)result.Table.Column(4)).GetValue(i), Is.EqualTo(expected[i][4] is null ? null : Convert.ToInt32(expected[i][4])), $"product {ids[i]} as of {times[i]:s}, latest rating");
        }
        Assert.That(expected.Count(r => Convert.ToInt64(r[0]) > 0), Is.GreaterThan(5), "some products had a review in the 30 days before their time");
        Assert.That(expected.Count(r => r[4] is null), Is.GreaterThan(5), "and some had none yet");
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
