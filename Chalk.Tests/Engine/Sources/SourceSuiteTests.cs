using System.Diagnostics;
using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Sources;

/// <summary>
/// The same feature classes, <c>.chalk.sql</c> files and seeded rows through the engine on every source: each must
/// return the values computed in C# from the seeded rows, value for value.
/// </summary>
[TestFixture("duckdb")]
[TestFixture("sqlite")]
[TestFixture("postgres")]
[TestFixture("bigquery")]
public sealed class SourceSuiteTests(string kind)
{
    private static readonly long[] s_ids = [.. SuiteData.Customers.Select(c => c.Id), SuiteData.Missing];

    private SuiteDatabase _db = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = await SuiteDatabase.CreateAsync(kind);
        _engine = _db.BuildEngine();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static Dictionary<string, object?> Input(string name, object? value) => new() { [name] = value };

    private static void AssertRow(OnlineResult row, long id, IEnumerable<string> outputs)
    {
        var expected = SuiteData.Expected(id);
        Assert.Multiple(() =>
        {
            foreach (var output in outputs)
                Assert.That(SuiteData.Normalize(row[output]), Is.EqualTo(SuiteData.Normalize(expected[output])), $"customer.id = {id}: {output}");
        });
    }

    [Test]
    public async Task Scalar_features_of_every_type_equal_the_seeded_rows_including_nulls_timestamps_and_non_ascii_text()
    {
        string[] outputs = ["customer.store_id", "customer.name", "customer.email", "customer.is_vip", "customer.newsletter", "customer.visits",
            "customer.age", "customer.balance", "customer.credit_limit", "customer.joined_at", "customer.last_seen_at"];
        foreach (var id in s_ids)
        {
            var row = await _engine.QueryAsync(Input("customer.id", id), outputs);
            Assert.That(row.Errors, Is.Empty, $"customer.id = {id}");
            AssertRow(row, id, outputs);
        }
    }

    [Test]
    public async Task A_table_file_is_filtered_by_the_primary_key()
    {
        foreach (var store in SuiteData.Stores)
        {
            var row = await _engine.QueryAsync(Input("store.id", store.Id), ["store.name", "store.country", "store.opened_at", "store.rating", "store.is_open"]);
            Assert.That(row.Errors, Is.Empty);
            Assert.That(new[] { row["store.name"], row["store.country"], SuiteData.Normalize(row["store.opened_at"]), row["store.rating"], row["store.is_open"] },
                Is.EqualTo(new object?[] { store.Name, store.Country, store.OpenedAt, store.Rating, store.IsOpen }), $"store.id = {store.Id}");
        }
        var none = await _engine.QueryAsync(Input("store.id", 77L), ["store.name", "store.rating"]);
        Assert.That(none["store.name"], Is.Null);
        Assert.That(none["store.rating"], Is.Null);
    }

    [Test]
    public async Task Has_one_joins_follow_the_foreign_key_and_a_missing_related_row_gives_nulls_without_errors()
    {
        string[] outputs = ["customer.store.name", "customer.store.country", "customer.store.opened_at", "customer.store.rating", "customer.store.is_open"];
        foreach (var id in s_ids)
        {
            var row = await _engine.QueryAsync(Input("customer.id", id), outputs);
            Assert.That(row.Errors, Is.Empty, $"customer.id = {id}");
            AssertRow(row, id, outputs);
        }
    }

    [Test]
    public async Task Has_many_fetches_of_a_table_file_feed_aggregates_over_the_child_rows()
    {
        string[] outputs = ["customer.purchase_count", "customer.total_spent", "customer.gift_count"];
        foreach (var id in s_ids)
        {
            var row = await _engine.QueryAsync(Input("customer.id", id), outputs);
            Assert.That(row.Errors, Is.Empty, $"customer.id = {id}");
            AssertRow(row, id, outputs);
        }
    }

    [Test]
    public async Task Csharp_resolvers_and_computed_properties_see_the_same_values_on_every_source()
    {
        string[] outputs = ["customer.greeting", "customer.email_domain", "customer.name_length", "customer.is_regular"];
        foreach (var id in s_ids)
        {
            var row = await _engine.QueryAsync(Input("customer.id", id), outputs);
            Assert.That(row.Errors, Is.Empty, $"customer.id = {id}");
            AssertRow(row, id, outputs);
        }
    }

    [Test]
    public async Task Hostile_and_non_ascii_strings_are_bound_as_values_when_looking_up_by_them()
    {
        foreach (var customer in SuiteData.Customers.Where(c => c.Email is not null))
        {
            var row = await _engine.QueryAsync(Input("customer.email", customer.Email), ["customer.id", "customer.name", "customer.visits"]);
            Assert.That(new[] { row["customer.id"], row["customer.name"], row["customer.visits"] },
                Is.EqualTo(new object?[] { customer.Id, customer.Name, customer.Visits }), customer.Email);
        }
        var none = await _engine.QueryAsync(Input("customer.email", "' or '1'='1"), ["customer.name"]);
        Assert.That(none["customer.name"], Is.Null);
        var still = await _engine.QueryAsync(Input("customer.id", 3L), ["customer.name", "customer.store.name"]);
        Assert.That(still["customer.name"], Is.EqualTo(SuiteData.Hostile), "the hostile values dropped nothing");
        Assert.That(still["customer.store.name"], Is.EqualTo(SuiteData.Stores[2].Name));
    }

    [Test]
    public async Task A_batch_equals_the_online_answers_and_the_seeded_rows_row_by_row()
    {
        long?[] ids = [3, 1, SuiteData.Missing, null, 2, 5, 1, 4, 3];
        var batch = await _engine.QueryBatchDetailedAsync(MarketplaceQueryTests.Batch("customer.id", ids), SuiteData.CustomerOutputs);
        Assert.That(batch.Errors, Is.Empty);
        Assert.That(batch.Table.Length, Is.EqualTo(ids.Length));
        Assert.That(batch.Table.Schema.FieldsList.Select(f => f.Name), Is.EqualTo(SuiteData.CustomerOutputs));
        for (int r = 0; r < ids.Length; r++)
        {
            var online = await _engine.QueryAsync(Input("customer.id", ids[r]), SuiteData.CustomerOutputs);
            var expected = ids[r] is { } id ? SuiteData.Expected(id) : SuiteData.Expected(SuiteData.Missing);
            for (int c = 0; c < SuiteData.CustomerOutputs.Length; c++)
            {
                var name = SuiteData.CustomerOutputs[c];
                var actual = SuiteData.Normalize(ArrowValues.Get(batch.Table.Column(c), r));
                Assert.That(actual, Is.EqualTo(SuiteData.Normalize(online[name])), $"row {r} (customer.id = {ids[r]}): {name}, batch vs online");
                Assert.That(actual, Is.EqualTo(SuiteData.Normalize(expected[name])), $"row {r} (customer.id = {ids[r]}): {name}, batch vs seed");
            }
        }
    }

    [Test]
    public async Task A_column_type_that_does_not_fit_fails_at_build_where_the_schema_is_known_else_at_query_time_naming_file_column_and_types()
    {
        // The customers file with one column replaced by text: a SQLite expression column has no declared type.
        (string, string) bad = ("bad_visits.chalk.sql", SuiteData.Resolvers[1].Text.Replace(" visits,", " name || '!' as visits,", StringComparison.Ordinal));
        if (_db.DescribesExpressions)
        {
            var ex = Assert.Throws<ChalkPlanException>(() => _db.BuildEngine(bad));
            Assert.That(ex!.Message, Does.Contain("bad_visits.chalk.sql").And.Contain("'visits'").And.Contain("customer.visits").And.Contain("utf8").And.Contain("long"));
            return;
        }
        await using var engine = _db.BuildEngine(bad);
        var error = await Assert.ThrowsAsync<ChalkResolverException>(() => engine.QueryAsync(Input("customer.id", 1L), ["customer.visits"]));
        Assert.That(error!.Message, Does.Contain("bad_visits.chalk.sql").And.Contain("'visits'").And.Contain("utf8").And.Contain("customer.visits").And.Contain("long"));
        Assert.That(error.IsTransient, Is.False);
        var again = await _engine.QueryAsync(Input("customer.id", 1L), ["customer.visits"]);
        Assert.That(again["customer.visits"], Is.EqualTo(10L), "another engine on the same source is unaffected");
    }

    [Test]
    public async Task A_cancelled_query_throws_promptly_and_leaves_the_engine_answering_correctly()
    {
        await using var slow = _db.BuildEngine(("slow.chalk.sql", _db.SlowStoreSql), SuiteData.Resolvers[1]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        Assert.That(async () => await slow.QueryAsync(Input("store.id", 1L), ["store.name"], cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));

        var row = await slow.QueryAsync(Input("customer.id", 2L), ["customer.name", "customer.age"]);
        Assert.That(row["customer.name"], Is.EqualTo(SuiteData.Customers[1].Name));
        Assert.That(row["customer.age"], Is.Null);
        using var already = new CancellationTokenSource();
        await already.CancelAsync();
        Assert.That(async () => await _engine.QueryAsync(Input("customer.id", 1L), ["customer.name"], already.Token), Throws.InstanceOf<OperationCanceledException>());
        AssertRow(await _engine.QueryAsync(Input("customer.id", 1L), SuiteData.CustomerOutputs), 1, SuiteData.CustomerOutputs);
    }

    [Test]
    public async Task An_int_feature_is_filled_from_32_or_64_bit_integer_columns()
    {
        await using var engine = _db.BuildEngine(("baskets.chalk.sql",
            "-- resolves: Basket\n-- source: db\nselect id, cast(quantity as integer) as quantity\nfrom purchases\nwhere id = ${basket.id}\n"));
        Assert.That((await engine.QueryAsync(Input("basket.id", 4L), ["basket.quantity"]))["basket.quantity"], Is.EqualTo(100));
    }

    [Test]
    public async Task A_64_bit_value_that_does_not_fit_an_int_feature_is_a_named_error()
    {
        await using var engine = _db.BuildEngine(("baskets.chalk.sql",
            "-- resolves: Basket\n-- source: db\nselect id, quantity * 100000000 as quantity\nfrom purchases\nwhere id = ${basket.id}\n"));
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => engine.QueryAsync(Input("basket.id", 4L), ["basket.quantity"]));
        Assert.That(ex!.Message, Does.Contain("baskets.chalk.sql").And.Contain("'quantity'").And.Contain("10000000000").And.Contain("basket.quantity"));
    }
}
