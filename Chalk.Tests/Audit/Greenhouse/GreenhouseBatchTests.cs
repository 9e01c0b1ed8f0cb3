using Chalk.Expressions;
using Chalk.Tests.Audit.PowerGrid;

namespace Chalk.Tests.Audit.Greenhouse;

/// <summary>Readings and sensors in batches, on DuckDB and SQLite, lifted and per row, against the compiled C# over LINQ to
/// objects on the rows visible at each row's time: has-one chains three deep with a null, dangling or missing link,
/// numeric and string edges in lifted resolvers and getters, windows at their boundaries, and batches with duplicate
/// rows, unsorted times, missing keys and nothing but missing keys.</summary>
[TestFixture("duckdb", true)]
[TestFixture("duckdb", false)]
[TestFixture("sqlite", true)]
[TestFixture("sqlite", false)]
public sealed class GreenhouseBatchTests(string store, bool lifting) : GreenhouseEngineFixture(store, lifting)
{
    private static readonly long?[] MissingReadings = [0, -1, 999, 5000, long.MaxValue, long.MinValue, null];
    private static readonly long?[] MissingSensors = [0, 99, 160, 5000, 999, long.MinValue, null];

    private static IEnumerable<long?> AllReadings => GreenhouseData.Readings.Select(r => (long?)r.Id).Concat(MissingReadings);
    private static IEnumerable<long?> AllSensors => GreenhouseData.Sensors.Select(s => (long?)s.Id).Concat(MissingSensors);

    /// <summary>Each reading time of sensor 100 and an hour and a day after it, exactly, a microsecond before and after.</summary>
    private static DateTime[] BoundaryTimes() =>
        GreenhouseData.Readings.Where(r => r.SensorId == 100 && r.TakenAt > GreenhouseData.Now - TimeSpan.FromDays(3))
            .Select(r => r.TakenAt)
            .SelectMany(t => new[] { t, t + TimeSpan.FromHours(1), t + TimeSpan.FromDays(1) })
            .SelectMany(t => new[] { t, t - GreenhouseData.Micro, t + GreenhouseData.Micro })
            .Append(GreenhouseData.Now).Distinct().OrderBy(t => t).ToArray();

    [Test]
    public async Task Every_reading_now_answers_what_linq_answers_through_each_link_of_its_chain()
        => await CheckReadingsAsync(AllReadings.Select(k => (k, GreenhouseData.Now)).ToArray());

    [Test]
    public async Task Every_sensor_now_answers_what_linq_answers()
        => await CheckSensorsAsync(AllSensors.Select(k => (k, GreenhouseData.Now)).ToArray());

    [Test]
    public async Task Sensors_at_window_boundaries_in_shuffled_order_with_duplicates_answer_what_linq_answers()
    {
        var times = BoundaryTimes();
        long?[] keys = [100, 100, 105, 113, 114, 118, 102, 5000, null, 101];
        var rows = new List<(long?, DateTime)>();
        for (int i = 0; i < times.Length; i++) rows.Add((keys[i % keys.Length], times[i]));
        foreach (var t in times) rows.Add((100, t));
        var random = new Random(7);
        await CheckSensorsAsync(rows.OrderBy(_ => random.Next()).ToArray());
    }

    [Test]
    public async Task Readings_at_shuffled_times_see_their_sensor_aggregates_as_of_their_own_row()
    {
        var times = BoundaryTimes();
        var random = new Random(11);
        var keys = AllReadings.ToArray();
        var rows = Enumerable.Range(0, 400).Select(i => (keys[random.Next(keys.Length)], times[random.Next(times.Length)])).ToArray();
        await CheckReadingsAsync(rows);
    }

    [Test]
    public async Task The_same_key_many_times_at_the_same_and_different_times_answers_each_row()
    {
        var rows = new List<(long?, DateTime)>();
        foreach (var t in BoundaryTimes().Take(12)) rows.AddRange([(100L, t), (100L, t), (5000L, t), (100L, GreenhouseData.Now)]);
        await CheckSensorsAsync(rows);
        await CheckReadingsAsync(rows.Select(r => (r.Item1 == 100 ? (long?)1 : 21, r.Item2)).ToArray());
    }

    [Test]
    public async Task A_batch_of_only_missing_keys_is_all_null_and_every_row_is_missing()
    {
        await CheckSensorsAsync(MissingSensors.Select(k => (k, GreenhouseData.Now)).ToArray());
        await CheckReadingsAsync(MissingReadings.Select(k => (k, GreenhouseData.Now)).ToArray());
        await CheckSensorsAsync([(99L, GreenhouseData.Now)]);
        await CheckReadingsAsync([(5000L, GreenhouseData.Now), (5000L, GreenhouseData.Now)]);
    }

    [Test]
    public async Task Batches_of_one_two_eight_nine_and_hundreds_of_mixed_keys_answer_the_same()
    {
        var keys = AllSensors.ToArray();
        var times = BoundaryTimes();
        var rows = Enumerable.Range(0, 900).Select(i => (keys[(i * 7) % keys.Length], times[(i * 13) % times.Length])).ToArray();
        foreach (int n in new[] { 1, 2, 8, 9, 300 }) await CheckSensorsAsync(rows.Skip(n).Take(n).ToArray());
        var readingKeys = AllReadings.ToArray();
        foreach (int n in new[] { 1, 2, 8, 9 }) await CheckReadingsAsync(Enumerable.Range(0, n).Select(i => (readingKeys[(i * 37 + n) % readingKeys.Length], GreenhouseData.Now)).ToArray());
    }

    private async Task CheckReadingsAsync(IReadOnlyList<(long? Key, DateTime At)> rows)
    {
        var features = GreenhouseOracle.ReadingFeatures;
        var result = await Engine.QueryBatchDetailedAsync(GreenhouseEngines.Inputs("gh_reading.id", rows), features, asOf: "at");
        var expected = rows.Select(r => GreenhouseOracle.Expected(GreenhouseOracle.ReadingOutputs, GreenhouseOracle.Reading(r.Key, r.At, Greenhouse.Sqlite), r.At)).ToArray();
        var problems = Check(result, rows, expected, features);
        for (int row = 0; row < rows.Count; row++)
        {
            var reported = result.MissingRows.Where(m => m.Row == row).Select(m => m.Path).OrderBy(p => p).ToArray();
            var first = GreenhouseOracle.FirstMissing(rows[row].Key);
            if (first is not null && !reported.SequenceEqual([first]))
                problems.Add($"row {row} reading {rows[row].Key}: missing rows [{string.Join(", ", reported)}], expected [{first}]");
            if (first is null && reported.Length > 0)
                problems.Add($"row {row} reading {rows[row].Key}: missing rows [{string.Join(", ", reported)}], expected none");
        }
        Assert.That(problems.Take(40), Is.Empty, $"{Store}, lifting {Lifting}: {problems.Count} problems");
    }

    private async Task CheckSensorsAsync(IReadOnlyList<(long? Key, DateTime At)> rows)
    {
        var features = GreenhouseOracle.SensorFeatures;
        var result = await Engine.QueryBatchDetailedAsync(GreenhouseEngines.Inputs("gh_sensor.id", rows), features, asOf: "at");
        var expected = rows.Select(r => GreenhouseOracle.Expected(GreenhouseOracle.SensorOutputs, GreenhouseOracle.Sensor(r.Key, r.At, Greenhouse.Sqlite), r.At)).ToArray();
        var problems = Check(result, rows, expected, features);
        var missing = result.MissingRows.Where(m => m.Path == "gh_sensor").Select(m => m.Row).ToHashSet();
        for (int row = 0; row < rows.Count; row++)
        {
            bool exists = GreenhouseData.Sensors.Any(s => s.Id == rows[row].Key);
            if (missing.Contains(row) == exists) problems.Add($"row {row} sensor {rows[row].Key}: reported missing {!exists}");
        }
        Assert.That(problems.Take(40), Is.Empty, $"{Store}, lifting {Lifting}: {problems.Count} problems");
    }

    private static List<string> Check(BatchResult result, IReadOnlyList<(long? Key, DateTime At)> rows, IReadOnlyList<Dictionary<string, object?>> expected,
        IReadOnlyList<string> features)
    {
        Assert.That(result.Table.Length, Is.EqualTo(rows.Count));
        Assert.That(result.Table.Schema.FieldsList.Select(f => f.Name), Is.EqualTo(features));
        var problems = new List<string>();
        var byRow = result.Errors.ToLookup(e => e.Row);
        for (int row = 0; row < rows.Count; row++)
        {
            var errors = byRow[row].ToList();
            var rowErrors = errors.Select(e => $"{e.Feature}: {e.Message}").ToList();
            for (int c = 0; c < features.Count; c++)
            {
                var featureErrors = errors.Where(e => e.Feature == features[c]).Select(e => e.Message).ToList();
                GreenhouseOracle.Compare(problems, $"row {row} key {rows[row].Key} at {rows[row].At:O} {features[c]}", expected[row][features[c]],
                    ArrowValues.Get(result.Table.Column(c), row), featureErrors, rowErrors);
            }
            // No error may be reported for an output the oracle answers with a value.
            foreach (var e in errors)
                if (expected[row].TryGetValue(e.Feature, out var want) && want is not Fails)
                    problems.Add($"row {row} key {rows[row].Key}: unexpected error on {e.Feature}: {e.Message}");
        }
        return problems;
    }
}
