using Chalk.Sql.Sources;

namespace Chalk.Tests.Audit.Greenhouse;

// A feature of a type no feature has: Build() must name it.
[Features]
public class GhTimer
{
    [Primary] public long Id { get; init; }
    public TimeSpan Every { get; init; }
}

/// <summary>Mistakes in a greenhouse project and failures at query time, on DuckDB and SQLite: each is a
/// <see cref="ChalkException"/> subtype naming the culprit, or (for a file an editor saved with a BOM or CRLF line ends) a
/// correct answer; never a raw exception or a made-up value.</summary>
[TestFixture("duckdb")]
[TestFixture("sqlite")]
public sealed class GreenhouseErrorTests(string store)
{
    private GreenhouseEngines _db = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _db = await GreenhouseEngines.CreateAsync(store);

    [OneTimeTearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    // The features with every file but the sensors' replaced by the given one.
    private ChalkEngineBuilder WithSensorFile(string name, string text)
    {
        var b = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(GhSite), typeof(GhBay), typeof(GhSensor), typeof(GhReading), typeof(GhResolvers))
            .AddSource("gh", _db.Source, disposeWithEngine: false);
        var files = GreenhouseData.Sql("gh");
        for (int i = 0; i < files.Length; i++)
            if (i != 2) b.AddSqlResolver($"greenhouse{i}.chalk.sql", files[i]);
        return b.AddSqlResolver(name, text);
    }

    private const string SensorSelect = "select id, bay_id, model, serial, installed_at from sensors";

    [TestCase("-- resolves: GhSensr\n-- source: gh\n" + SensorSelect, "GhSensr")]
    [TestCase("-- resolves: GhSensor\n-- source: gh2\n" + SensorSelect, "gh2")]
    [TestCase("-- resolves: GhSensor GhBay\n-- source: gh\n" + SensorSelect, "GhSensor GhBay")]
    [TestCase("-- resolves: GhSensor\n-- source: gh\n-- source: gh\n" + SensorSelect, "source")]
    [TestCase("-- source: gh\n" + SensorSelect, "resolves")]
    [TestCase("-- resolves: GhSensor\n-- source: gh\n", "no SQL")]
    [TestCase("-- resolves: GhSensor\n-- source: gh\nselect id, bay_id, model, serial, installed_at from sensor", "bad-sensors.chalk.sql")]
    [TestCase("-- resolves: GhSensor\n-- source: gh\nselect id, bay_id, model, serial, installed_at from sensors where id = ${gh_sensor.idd}", "gh_sensor.idd")]
    public void A_malformed_sensor_file_fails_the_build_naming_the_file_and_the_culprit(string text, string culprit)
    {
        var e = Assert.Catch<Exception>(() => WithSensorFile("bad-sensors.chalk.sql", text).Build());
        Assert.That(e, Is.InstanceOf<ChalkDefinitionException>().Or.InstanceOf<ChalkPlanException>(), e!.ToString());
        Assert.That(e.Message, Does.Contain("bad-sensors.chalk.sql").And.Contain(culprit));
    }

    [Test]
    public async Task A_column_that_matches_no_feature_fails_the_build_or_else_the_query_naming_it()
    {
        // SQLite cannot describe an expression column before running it, so its check may wait for the query.
        ChalkEngine engine;
        var text = "-- resolves: GhSensor\n-- source: gh\nselect id, bay_id, model, serial, installed_at, 1 as sensor_count from sensors";
        try { engine = WithSensorFile("extra-sensors.chalk.sql", text).Build(); }
        catch (ChalkDefinitionException e)
        {
            Assert.That(e.Message, Does.Contain("extra-sensors.chalk.sql").And.Contain("sensor_count"));
            return;
        }
        await using var _ = engine;
        var failed = await Assert.CatchAsync<Exception>(() => engine.QueryAsync(new Dictionary<string, object?> { ["gh_sensor.id"] = 100L }, ["gh_sensor.model"]),
            $"{store}: neither Build() nor the query said that sensor_count matches no feature");
        Assert.That(failed, Is.InstanceOf<ChalkException>(), failed!.ToString());
        Assert.That(failed.Message, Does.Contain("extra-sensors.chalk.sql").And.Contain("sensor_count"));
    }

    [TestCase("\ufeff-- resolves: GhSensor\n-- source: gh\n" + SensorSelect + "\n")]
    [TestCase("-- resolves: GhSensor\r\n-- source: gh\r\n" + SensorSelect + "\r\n")]
    [TestCase("-- resolves: GhSensor\n-- source: gh\n-- a note\n\n" + SensorSelect + " -- trailing comment\n;\n")]
    public async Task A_sensor_file_saved_with_a_bom_crlf_or_comments_answers_right_or_fails_naming_the_file(string text)
    {
        ChalkEngine engine;
        try { engine = WithSensorFile("odd-sensors.chalk.sql", text).Build(); }
        catch (ChalkException e)
        {
            Assert.That(e.Message, Does.Contain("odd-sensors.chalk.sql"));
            return;
        }
        await using var _ = engine;
        foreach (var s in GreenhouseData.Sensors.Take(20))
        {
            var r = await engine.QueryAsync(new Dictionary<string, object?> { ["gh_sensor.id"] = s.Id }, ["gh_sensor.serial", "gh_sensor.model", "gh_sensor.bay.label"]);
            Assert.That(r["gh_sensor.serial"], Is.EqualTo(s.Serial), $"sensor {s.Id}");
            Assert.That(r["gh_sensor.model"], Is.EqualTo(s.Model), $"sensor {s.Id}");
            Assert.That(r["gh_sensor.bay.label"], Is.EqualTo(GreenhouseData.Bays.SingleOrDefault(b => b.Id == s.BayId)?.Label), $"sensor {s.Id}");
        }
    }

    [Test]
    public async Task A_sql_error_at_query_time_is_a_resolver_error_naming_the_file_online_and_in_a_batch()
    {
        // Describes fine; fails only when run (DuckDB: error(); SQLite: abs() of the smallest integer overflows).
        var failing = store == "duckdb"
            ? "select id, bay_id, model, serial, installed_at from sensors where case when id = 107 then error('sensor 107 is broken') else true end"
            : "select id, bay_id, model, serial, installed_at from sensors where abs(case when id = 107 then -9223372036854775807 - 1 else 1 end) > 0";
        await using var engine = WithSensorFile("broken-sensors.chalk.sql", "-- resolves: GhSensor\n-- source: gh\n" + failing).Build();
        var online = await Assert.CatchAsync<Exception>(() => engine.QueryAsync(new Dictionary<string, object?> { ["gh_sensor.id"] = 107L }, ["gh_sensor.model"]));
        Assert.That(online, Is.InstanceOf<ChalkResolverException>(), online!.ToString());
        Assert.That(online.Message, Does.Contain("broken-sensors.chalk.sql"));
        Assert.That(((ChalkResolverException)online).IsTransient, Is.False);
        var batch = await Assert.CatchAsync<Exception>(() => engine.QueryBatchDetailedAsync(GreenhouseEngines.Inputs("gh_reading.id", [(1, GreenhouseData.Now), (8, GreenhouseData.Now)]),
            ["gh_reading.sensor.model", "gh_reading.note"], asOf: "at"));
        Assert.That(batch, Is.InstanceOf<ChalkResolverException>(), batch!.ToString());
        Assert.That(batch.Message, Does.Contain("broken-sensors.chalk.sql"));
    }

    [Test]
    public void A_timespan_property_is_a_definition_error_naming_it()
    {
        var e = Assert.Catch<Exception>(() => ChalkEngine.CreateBuilder().AddFeatures(typeof(GhTimer)).Build());
        Assert.That(e, Is.InstanceOf<ChalkDefinitionException>(), e!.ToString());
        Assert.That(e.Message, Does.Contain("Every").And.Contain("TimeSpan"));
    }
}
