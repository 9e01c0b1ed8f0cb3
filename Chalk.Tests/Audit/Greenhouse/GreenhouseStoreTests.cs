using Chalk.Store;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Greenhouse;

/// <summary>Features with a max staleness through the in-memory online store, on a DuckDB database that changes under
/// it: a stored value is served up to exactly its staleness and recomputed a microsecond later, a failed resolver's value
/// and the rest of a failed row are never stored, and a value given as an input (or computed from one) never reaches
/// the store, so a later query answers what LINQ over the rows answers.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class GreenhouseStoreTests(bool lifting)
{
    private GreenhouseEngines _db = null!;
    private ManualClock _clock = null!;
    private ChalkEngine _engine = null!;

    [SetUp]
    public async Task CreateEngine()
    {
        _db = await GreenhouseEngines.CreateAsync("duckdb");
        _clock = new ManualClock(new DateTimeOffset(GreenhouseData.Now));
        var store = new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { TimeProvider = _clock });
        _engine = _db.Builder(lifting, _clock).WithOnlineStore(store).Build();
    }

    [TearDown]
    public async Task DisposeEngine()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    private DateTime At => _clock.GetUtcNow().UtcDateTime;

    private Task<OnlineResult> QueryAsync(string key, object id, string[] outputs, QueryOptions? options = null)
        => _engine.QueryAsync(new Dictionary<string, object?> { [key] = id }, outputs, options ?? QueryOptions.Default);

    private async Task ExecuteAsync(string sql) => await ((Chalk.Sql.Sources.DuckDbSource)_db.Source).UseConnectionAsync(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    });

    [Test]
    public async Task A_stored_count_is_served_up_to_exactly_its_staleness_and_recomputed_a_microsecond_later()
    {
        string[] outputs = ["gh_sensor.reading_count", "gh_sensor.hot_count", "gh_sensor.model"];
        var before = GreenhouseOracle.Sensor(100, At, sqlite: false)!;
        var first = await QueryAsync("gh_sensor.id", 100L, outputs);
        Assert.That(first["gh_sensor.reading_count"], Is.EqualTo(before.ReadingCount));
        Assert.That(first["gh_sensor.hot_count"], Is.EqualTo(before.HotCount));
        Assert.That(first.Sources["gh_sensor.hot_count"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
        await _engine.FlushOnlineStoreAsync();

        // A hot reading appears, taken before the first query: only a recomputation can see it.
        await ExecuteAsync($"insert into readings values (90001, 100, TIMESTAMP '{GreenhouseData.Now.AddMinutes(-5):yyyy-MM-dd HH:mm:ss}', 45.5, 0.5, 1, 1, 'new')");
        _clock.Advance(TimeSpan.FromMinutes(10) - GreenhouseData.Micro);
        var young = await QueryAsync("gh_sensor.id", 100L, outputs);
        Assert.That(young["gh_sensor.reading_count"], Is.EqualTo(before.ReadingCount), "a microsecond short of 10m old: served");
        Assert.That(young["gh_sensor.hot_count"], Is.EqualTo(before.HotCount));
        Assert.That(young.Sources["gh_sensor.hot_count"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
        Assert.That(young.Sources["gh_sensor.hot_count"].Age, Is.EqualTo(TimeSpan.FromMinutes(10) - GreenhouseData.Micro));
        Assert.That(young.Sources["gh_sensor.model"].Origin, Is.EqualTo(FeatureOrigin.Resolver), "model has no staleness");

        // Exactly 10m old: the docs never serve a value older than its staleness; this one may go either way, but its
        // value must be the one its origin says.
        _clock.Advance(GreenhouseData.Micro);
        var boundary = await QueryAsync("gh_sensor.id", 100L, outputs);
        var atBoundary = GreenhouseOracle.Sensor(100, At, sqlite: false)!;
        bool served = boundary.Sources["gh_sensor.hot_count"].Origin == FeatureOrigin.OnlineStore;
        Assert.That(boundary["gh_sensor.hot_count"], Is.EqualTo(served ? before.HotCount : atBoundary.HotCount + 1), $"served {served}");
        await _engine.FlushOnlineStoreAsync();
        if (!served) return;

        _clock.Advance(GreenhouseData.Micro);
        var after = GreenhouseOracle.Sensor(100, At, sqlite: false)!;
        var past = await QueryAsync("gh_sensor.id", 100L, outputs);
        Assert.That(past.Sources["gh_sensor.hot_count"].Origin, Is.EqualTo(FeatureOrigin.Resolver), "10m and 1us old: never served");
        Assert.That(past["gh_sensor.reading_count"], Is.EqualTo(after.ReadingCount + 1));
        Assert.That(past["gh_sensor.hot_count"], Is.EqualTo(after.HotCount + 1));
    }

    [Test]
    public async Task A_failed_resolver_and_the_rest_of_its_row_are_never_stored()
    {
        var failing = GreenhouseData.Readings.First(r => r.Lux == 0 && r.RawCounts is not null && r.SensorId is >= 100 and < 120);
        var fine = GreenhouseData.Readings.First(r => r.Lux is > 0 && r.RawCounts is not null && r.Celsius is double c && !double.IsNaN(c));
        string[] outputs = ["gh_reading.counts_per_lux", "gh_reading.fahrenheit"];
        for (int pass = 0; pass < 3; pass++)
        {
            var bad = await QueryAsync("gh_reading.id", failing.Id, outputs);
            Assert.That(bad["gh_reading.counts_per_lux"], Is.Null);
            Assert.That(bad.Errors.Single().Message, Does.Contain("Attempted to divide by zero."), $"pass {pass}");
            Assert.That(bad["gh_reading.fahrenheit"], Is.EqualTo(GhResolvers.Fahrenheit(failing.Celsius)));
            Assert.That(outputs.Select(o => bad.Sources[o].Origin), Is.All.EqualTo(FeatureOrigin.Resolver), $"pass {pass}: nothing of a failed row is stored");
            var good = await QueryAsync("gh_reading.id", fine.Id, outputs);
            Assert.That(good["gh_reading.counts_per_lux"], Is.EqualTo(GhResolvers.CountsPerLux(fine.RawCounts, fine.Lux)));
            Assert.That(good["gh_reading.fahrenheit"], Is.EqualTo(GhResolvers.Fahrenheit(fine.Celsius)));
            Assert.That(outputs.Select(o => good.Sources[o].Origin), Is.All.EqualTo(pass == 0 ? FeatureOrigin.Resolver : FeatureOrigin.OnlineStore), $"pass {pass}");
            await _engine.FlushOnlineStoreAsync();
        }
        var alone = await QueryAsync("gh_reading.id", failing.Id, ["gh_reading.fahrenheit"]);
        Assert.That(alone.Sources["gh_reading.fahrenheit"].Origin, Is.EqualTo(FeatureOrigin.Resolver), "the failed row's fahrenheit was not written");
        Assert.That(alone.Errors, Is.Empty);
    }

    [Test]
    public async Task A_value_given_as_input_is_used_but_never_stored_for_later_queries()
    {
        var truth = GreenhouseOracle.Sensor(100, At, sqlite: false)!;
        var given = await _engine.QueryAsync(new Dictionary<string, object?> { ["gh_sensor.id"] = 100L, ["gh_sensor.hot_count"] = 999L }, ["gh_sensor.hot_count", "gh_sensor.reading_count"]);
        Assert.That(given["gh_sensor.hot_count"], Is.EqualTo(999L));
        Assert.That(given.Sources["gh_sensor.hot_count"].Origin, Is.EqualTo(FeatureOrigin.Input));
        await _engine.FlushOnlineStoreAsync();
        var later = await QueryAsync("gh_sensor.id", 100L, ["gh_sensor.hot_count", "gh_sensor.reading_count"]);
        Assert.That(later["gh_sensor.hot_count"], Is.EqualTo(truth.HotCount));
        Assert.That(later["gh_sensor.reading_count"], Is.EqualTo(truth.ReadingCount));
    }

    [Test]
    public async Task A_value_computed_from_an_input_override_is_not_stored_as_the_rows_value()
    {
        // The inputs describe the row (it is not looked up): fahrenheit is computed from the given celsius. The stored
        // entry is keyed by the reading's id alone, so writing it would answer later queries with the given row's value.
        var reading = GreenhouseData.Readings.First(r => r.Celsius is 2.25);
        var given = await _engine.QueryAsync(new Dictionary<string, object?> { ["gh_reading.id"] = reading.Id, ["gh_reading.celsius"] = 100.0 },
            ["gh_reading.fahrenheit"]);
        Assert.That(given["gh_reading.fahrenheit"], Is.EqualTo(212.0));
        await _engine.FlushOnlineStoreAsync();
        var later = await QueryAsync("gh_reading.id", reading.Id, ["gh_reading.fahrenheit", "gh_reading.celsius"]);
        Assert.That(later["gh_reading.celsius"], Is.EqualTo(2.25));
        Assert.That(later["gh_reading.fahrenheit"], Is.EqualTo(GhResolvers.Fahrenheit(2.25)), $"origin {later.Sources["gh_reading.fahrenheit"].Origin}");
    }

    [Test]
    public async Task A_foreign_key_given_as_input_does_not_move_the_row_to_another_sensor_in_the_store()
    {
        var reading = GreenhouseData.Readings.First(r => r.SensorId == 100);
        var moved = await _engine.QueryAsync(new Dictionary<string, object?> { ["gh_reading.id"] = reading.Id, ["gh_reading.sensor_id"] = 105L },
            ["gh_reading.sensor.model", "gh_reading.hours_since_install"]);
        var sensor105 = GreenhouseData.Sensors.Single(s => s.Id == 105);
        Assert.That(moved["gh_reading.sensor.model"], Is.EqualTo(sensor105.Model));
        await _engine.FlushOnlineStoreAsync();
        var later = await QueryAsync("gh_reading.id", reading.Id, ["gh_reading.sensor_id", "gh_reading.sensor.model", "gh_reading.hours_since_install", "gh_reading.sensor.reading_count"]);
        var truth = GreenhouseOracle.Reading(reading.Id, At, sqlite: false)!;
        Assert.That(later["gh_reading.sensor_id"], Is.EqualTo(100L));
        Assert.That(later["gh_reading.sensor.model"], Is.EqualTo(truth.Sensor!.Model));
        Assert.That(later["gh_reading.hours_since_install"], Is.EqualTo(truth.HoursSinceInstall), $"origin {later.Sources["gh_reading.hours_since_install"].Origin}");
        Assert.That(later["gh_reading.sensor.reading_count"], Is.EqualTo(truth.Sensor.ReadingCount));
    }

    [Test]
    public async Task A_stored_key_leads_three_links_down_and_a_chain_broken_in_the_middle_stays_missing()
    {
        string[] outputs = ["gh_reading.sensor.bay.site.name", "gh_reading.sensor.reading_count", "gh_reading.site_name", "gh_reading.sensor.hot_count"];
        var keys = GreenhouseData.Readings.Where(r => r.Id < 60).Select(r => r.Id).ToArray();
        foreach (var pass in new[] { 0, 1 })
        {
            foreach (var id in keys)
            {
                var r = await QueryAsync("gh_reading.id", id, outputs);
                var truth = GreenhouseOracle.Reading(id, At, sqlite: false)!;
                Assert.That(r["gh_reading.sensor.bay.site.name"], Is.EqualTo(truth.Sensor?.Bay?.Site?.Name), $"pass {pass} reading {id}");
                Assert.That(r["gh_reading.site_name"], Is.EqualTo(truth.SiteName), $"pass {pass} reading {id}");
                Assert.That(r["gh_reading.sensor.reading_count"], Is.EqualTo(truth.Sensor?.ReadingCount), $"pass {pass} reading {id}");
                Assert.That(r["gh_reading.sensor.hot_count"], Is.EqualTo(truth.Sensor?.HotCount), $"pass {pass} reading {id}");
                var first = GreenhouseOracle.FirstMissing(id);
                Assert.That(r.MissingRows.Select(m => m.Path), Is.EqualTo(first is null ? Array.Empty<string>() : new[] { first }), $"pass {pass} reading {id}");
                if (pass == 1 && truth.Sensor is not null)
                    Assert.That(r.Sources["gh_reading.sensor.reading_count"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore), $"reading {id}");
            }
            await _engine.FlushOnlineStoreAsync();
        }
    }

    [Test]
    public async Task Zero_staleness_bypasses_and_refreshes_and_infinity_serves_the_old_value()
    {
        string[] outputs = ["gh_sensor.hot_count"];
        var before = GreenhouseOracle.Sensor(105, At, sqlite: false)!.HotCount;
        await QueryAsync("gh_sensor.id", 105L, outputs);
        await _engine.FlushOnlineStoreAsync();
        await ExecuteAsync($"insert into readings values (90002, 105, TIMESTAMP '{GreenhouseData.Now.AddMinutes(-1):yyyy-MM-dd HH:mm:ss}', 50, 0.5, 1, 1, 'new')");
        _clock.Advance(TimeSpan.FromMinutes(9));
        var infinite = new QueryOptions { Staleness = { ["gh_sensor.hot_count"] = Timeout.InfiniteTimeSpan } };
        var old = await QueryAsync("gh_sensor.id", 105L, outputs, infinite);
        Assert.That(old["gh_sensor.hot_count"], Is.EqualTo(before));
        Assert.That(old.Sources["gh_sensor.hot_count"].Age, Is.EqualTo(TimeSpan.FromMinutes(9)));
        var shorter = await QueryAsync("gh_sensor.id", 105L, outputs, new QueryOptions { Staleness = { ["gh_sensor.hot_count"] = TimeSpan.FromMinutes(1) } });
        Assert.That(shorter["gh_sensor.hot_count"], Is.EqualTo(before + 1), "9m old is older than the 1m asked for");
        Assert.That(shorter.Sources["gh_sensor.hot_count"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
        var fresh = await QueryAsync("gh_sensor.id", 105L, outputs, new QueryOptions { Staleness = { ["gh_sensor.hot_count"] = TimeSpan.Zero } });
        Assert.That(fresh["gh_sensor.hot_count"], Is.EqualTo(before + 1));
        Assert.That(fresh.Sources["gh_sensor.hot_count"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
        await _engine.FlushOnlineStoreAsync();
        var refreshed = await QueryAsync("gh_sensor.id", 105L, outputs, infinite);
        Assert.That(refreshed["gh_sensor.hot_count"], Is.EqualTo(before + 1), "the bypass wrote its fresh value back");
        Assert.That(refreshed.Sources["gh_sensor.hot_count"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
        Assert.That(refreshed.Sources["gh_sensor.hot_count"].Age, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task A_stored_value_is_not_served_in_place_of_one_computed_from_an_input_override()
    {
        var reading = GreenhouseData.Readings.First(r => r.Celsius is 2.25 && r.SensorId == 100);
        string[] outputs = ["gh_reading.fahrenheit", "gh_reading.hours_since_install"];
        var stored = await QueryAsync("gh_reading.id", reading.Id, outputs);
        Assert.That(stored["gh_reading.fahrenheit"], Is.EqualTo(GhResolvers.Fahrenheit(2.25)));
        await _engine.FlushOnlineStoreAsync();
        var given = await _engine.QueryAsync(new Dictionary<string, object?> { ["gh_reading.id"] = reading.Id, ["gh_reading.celsius"] = 100.0, ["gh_reading.sensor_id"] = 105L },
            outputs, QueryOptions.Default);
        var sensor105 = GreenhouseData.Sensors.Single(s => s.Id == 105);
        Assert.That(given["gh_reading.fahrenheit"], Is.EqualTo(212.0), $"origin {given.Sources["gh_reading.fahrenheit"].Origin}");
        Assert.That(given["gh_reading.hours_since_install"], Is.EqualTo((reading.TakenAt - sensor105.InstalledAt!.Value).TotalHours),
            $"origin {given.Sources["gh_reading.hours_since_install"].Origin}");
    }

    [Test]
    public async Task Materializing_with_a_value_given_besides_the_key_never_stores_what_was_computed_from_it()
    {
        var reading = GreenhouseData.Readings.First(r => r.Celsius is 2.25 && r.SensorId == 100);
        var inputs = new Apache.Arrow.RecordBatch(new Apache.Arrow.Schema(
            [new Apache.Arrow.Field("gh_reading.id", Apache.Arrow.Types.Int64Type.Default, false), new Apache.Arrow.Field("gh_reading.celsius", Apache.Arrow.Types.DoubleType.Default, false)], null),
            [new Apache.Arrow.Int64Array.Builder().Append(reading.Id).Build(), new Apache.Arrow.DoubleArray.Builder().Append(100.0).Build()], 1);
        try { await _engine.MaterializeAsync(inputs, ["gh_reading.fahrenheit"]); }
        catch (ArgumentException e) { Assert.That(e.Message, Does.Contain("gh_reading.celsius")); }
        var later = await QueryAsync("gh_reading.id", reading.Id, ["gh_reading.fahrenheit"]);
        Assert.That(later["gh_reading.fahrenheit"], Is.EqualTo(GhResolvers.Fahrenheit(2.25)), $"origin {later.Sources["gh_reading.fahrenheit"].Origin}");
    }

    [Test]
    public async Task Batch_queries_never_read_the_store()
    {
        await QueryAsync("gh_sensor.id", 105L, ["gh_sensor.hot_count"]);
        await _engine.FlushOnlineStoreAsync();
        await ExecuteAsync($"insert into readings values (90003, 105, TIMESTAMP '{GreenhouseData.Now.AddMinutes(-1):yyyy-MM-dd HH:mm:ss}', 50, 0.5, 1, 1, 'new')");
        var batch = await _engine.QueryBatchDetailedAsync(GreenhouseEngines.Inputs("gh_sensor.id", [(105, GreenhouseData.Now), (105, GreenhouseData.Now)]), ["gh_sensor.hot_count"], asOf: "at");
        var expected = GreenhouseOracle.Sensor(105, GreenhouseData.Now, sqlite: false)!.HotCount + 1;
        Assert.That(Chalk.Expressions.ArrowValues.Get(batch.Table.Column(0), 0), Is.EqualTo(expected));
        Assert.That(Chalk.Expressions.ArrowValues.Get(batch.Table.Column(0), 1), Is.EqualTo(expected));
    }
}
