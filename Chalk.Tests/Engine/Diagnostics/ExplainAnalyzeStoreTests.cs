using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Diagnostics;

// Weather stations: a label computed from the name, kept in the online store for an hour.

[Features]
public class WeatherStation
{
    [Primary] public long Id { get; init; }
    public string? Name { get; init; }
    [MaxStaleness("1h")] public string? Label => Name + " station";
}

/// <summary><c>ExplainAnalyzeAsync</c> runs the query as <c>QueryAsync</c> does: the store is read first and the plan
/// shown is the one that ran with the hits given, so the times describe what the user's query really did.</summary>
public sealed class ExplainAnalyzeStoreTests
{
    [Test]
    public async Task Explain_analyze_reads_the_store_first_and_shows_the_plan_that_ran()
    {
        await using var db = await ScratchDuckDb.CreateAsync("create table stations(id bigint, name varchar); insert into stations values (7, 'Kiruna');");
        await using var engine = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(WeatherStation))
            .AddSource("db", db, disposeWithEngine: false)
            .AddSqlResolver("stations.chalk.sql", "-- resolves: WeatherStation\n-- source: db\nselect id, name from stations\n")
            .Build();
        var station = new Dictionary<string, object?> { ["weather_station.id"] = 7L };
        string[] both = ["weather_station.label", "weather_station.name"];

        var cold = await engine.ExplainAnalyzeAsync(station, both);
        Assert.That(cold, Does.Contain("online store read first: memory: 0 hits, 1 miss"));
        Assert.That(cold, Does.Match(@"Lifted WeatherStation\.Label[^\n]*  \[\d+\.\d{3} ms\]"), "a miss computes the label");
        await engine.FlushOnlineStoreAsync();

        var warm = await engine.ExplainAnalyzeAsync(station, both);
        Assert.That(warm, Does.Contain("online store read first: memory: 1 hit, 0 misses"));
        Assert.That(warm, Does.Not.Contain("Lifted WeatherStation.Label"), "a hit is given: its resolver does not run");
        Assert.That(warm, Does.Match(@"SqlLookup stations\.chalk\.sql[^\n]*  \[\d+\.\d{3} ms\]"));

        var stored = await engine.ExplainAnalyzeAsync(station, ["weather_station.label"]);
        Assert.That(stored, Does.Contain("every output was a hit: no operator ran"));
        Assert.That((await engine.QueryAsync(station, ["weather_station.label"])).Get<string>("weather_station.label"), Is.EqualTo("Kiruna station"));
    }
}
