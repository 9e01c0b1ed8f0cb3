using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Clock;

[Features]
public class Beacon
{
    [Primary] public long Id { get; init; }
    public DateTime InstalledAt { get; init; }
    public double AgeSeconds => (DateTime.UtcNow - InstalledAt).TotalSeconds;
}

/// <summary>A body that reads the clock reads it when the query runs, not when the engine was built: it is not lifted
/// (a lifted <c>DateTime.UtcNow</c> was a literal of the time of <c>Build()</c>), and runs per row.</summary>
public sealed class ClockReadTests
{
    [Test]
    public async Task A_property_reading_the_clock_gives_each_query_its_own_time()
    {
        await using var source = await ScratchDuckDb.CreateAsync("create table beacons (id bigint, installed_at timestamp); insert into beacons values (1, '2020-01-01 00:00:00')");
        await using var engine = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Beacon))
            .AddSource("sea", source, disposeWithEngine: false)
            .AddSqlResolver("beacons.chalk.sql", "-- resolves: Beacon\n-- source: sea\nselect id, installed_at from beacons\n")
            .WithoutOnlineStore()
            .Build();
        var inputs = new Dictionary<string, object?> { ["beacon.id"] = 1L };
        var first = (await engine.QueryAsync(inputs, ["beacon.age_seconds"])).Get<double>("beacon.age_seconds");
        await Task.Delay(1200);
        var second = (await engine.QueryAsync(inputs, ["beacon.age_seconds"])).Get<double>("beacon.age_seconds");
        Assert.That(second - first, Is.GreaterThan(1.0), "the second query reads a later clock");
        var expected = (DateTime.UtcNow - new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
        Assert.That(second, Is.EqualTo(expected).Within(60), "the age is the query's, not the build's");
        Assert.That(engine.Explain(inputs.Keys.ToList(), ["beacon.age_seconds"]), Does.Contain("DateTime.UtcNow reads the clock"));
    }
}
