using Chalk.Tests.Audit.PowerGrid;

namespace Chalk.Tests.Audit.Greenhouse;

/// <summary>One key at a time, online (the engine's default in-memory store holds the features with a staleness, so
/// each key is asked twice: computed, then served), lifted and per row, on DuckDB and SQLite, against LINQ.</summary>
[TestFixture("duckdb", true)]
[TestFixture("duckdb", false)]
[TestFixture("sqlite", true)]
[TestFixture("sqlite", false)]
public sealed class GreenhouseOnlineTests(string store, bool lifting) : GreenhouseEngineFixture(store, lifting)
{
    [Test]
    public async Task Each_sensor_online_twice_answers_what_linq_answers_now()
    {
        var problems = new List<string>();
        foreach (var pass in new[] { 1, 2 })
        {
            foreach (var key in GreenhouseData.Sensors.Select(s => (long?)s.Id).Concat([5000L, null]))
            {
                var result = await Engine.QueryAsync(new Dictionary<string, object?> { ["gh_sensor.id"] = key }, GreenhouseOracle.SensorFeatures);
                var sensor = GreenhouseOracle.Sensor(key, GreenhouseData.Now, Greenhouse.Sqlite);
                Compare(problems, $"pass {pass} sensor {GridOracle.Show(key)}", result, GreenhouseOracle.Expected(GreenhouseOracle.SensorOutputs, sensor, GreenhouseData.Now));
                if (result.Found != (sensor is not null)) problems.Add($"pass {pass} sensor {key}: Found is {result.Found}");
            }
            await Engine.FlushOnlineStoreAsync();
        }
        Assert.That(problems.Take(40), Is.Empty, $"{Store}, lifting {Lifting}: {problems.Count} problems");
    }

    [Test]
    public async Task Each_hand_picked_reading_online_twice_answers_what_linq_answers_now_through_its_chain()
    {
        var problems = new List<string>();
        foreach (var pass in new[] { 1, 2 })
        {
            foreach (var key in GreenhouseData.Readings.Where(r => r.Id < 1000).Select(r => (long?)r.Id).Concat([0L, 5000L]))
            {
                var result = await Engine.QueryAsync(new Dictionary<string, object?> { ["gh_reading.id"] = key }, GreenhouseOracle.ReadingFeatures);
                var reading = GreenhouseOracle.Reading(key, GreenhouseData.Now, Greenhouse.Sqlite);
                Compare(problems, $"pass {pass} reading {key}", result, GreenhouseOracle.Expected(GreenhouseOracle.ReadingOutputs, reading, GreenhouseData.Now));
                var first = GreenhouseOracle.FirstMissing(key);
                var reported = result.MissingRows.Select(m => m.Path).ToArray();
                if (!reported.SequenceEqual(first is null ? [] : [first])) problems.Add($"pass {pass} reading {key}: missing [{string.Join(", ", reported)}], expected [{first}]");
                if (result.Found != (reading is not null)) problems.Add($"pass {pass} reading {key}: Found is {result.Found}");
            }
            await Engine.FlushOnlineStoreAsync();
        }
        Assert.That(problems.Take(40), Is.Empty, $"{Store}, lifting {Lifting}: {problems.Count} problems");
    }

    private static void Compare(List<string> problems, string where, OnlineResult result, Dictionary<string, object?> expected)
    {
        var rowErrors = result.Errors.Select(e => $"{e.Feature}: {e.Message}").ToList();
        foreach (var (feature, want) in expected)
            GreenhouseOracle.Compare(problems, $"{where} {feature}", want, result[feature], result.Errors.Where(e => e.Feature == feature).Select(e => e.Message).ToList(), rowErrors);
        foreach (var e in result.Errors)
            if (expected.TryGetValue(e.Feature, out var want) && want is not Fails) problems.Add($"{where}: unexpected error on {e.Feature}: {e.Message}");
    }
}
