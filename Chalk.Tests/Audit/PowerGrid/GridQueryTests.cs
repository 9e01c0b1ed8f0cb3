using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Audit.PowerGrid;

/// <summary>Every meter feature, online and in batches, on DuckDB (aggregates pushed down) and SQLite (in the engine),
/// lifted and per row, against the compiled C# over LINQ to objects on the same rows. Keys differ only by case, a
/// trailing space, Unicode normalization or leading zeros, hold quotes and SQL comments, or name no meter.</summary>
[TestFixture("duckdb", true)]
[TestFixture("duckdb", false)]
[TestFixture("sqlite", true)]
[TestFixture("sqlite", false)]
public sealed class GridQueryTests(string store, bool lifting)
{
    private static readonly string[] MissingKeys = ["M-002", "M-001  ", " M-001", "m-001 ", "Cafe", "Caf\u00c9", "07", "7 ", "0007", "M-00\u0131", "S-404", "s-1", "M", "M\0", "M-\U0001F601", "M-0"];

    private GridEngines _grid = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _grid = await GridEngines.CreateAsync(store);
        _engine = _grid.Build(lifting);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _grid.DisposeAsync();
    }

    private static IEnumerable<string?> AllKeys => GridData.Meters.Select(m => m.Id).Concat(MissingKeys).Append(null);

    [Test]
    public void The_plan_takes_the_path_this_fixture_is_about()
    {
        var plan = _engine.Explain(["grid_meter.id"], ["grid_meter.total_kwh", "grid_meter.has_substation", "grid_meter.kw_per_reading", "grid_meter.risk"]);
        Assert.That(plan, lifting ? Does.Contain("Lifted GridMeter.HasSubstation") : Does.Contain("Fallback GridMeter.HasSubstation"));
        Assert.That(plan, lifting ? Does.Contain("Lifted GridMeter.KwPerReading") : Does.Contain("Fallback GridMeter.KwPerReading"));
        // Its throw's message is built from the meter's id: only the per-row path can give that message.
        Assert.That(plan, Does.Contain("Fallback GridResolvers.Risk"));
        if (lifting && !_grid.Sqlite) Assert.That(plan, Does.Contain("pushed down"));
    }

    [Test]
    public async Task An_online_query_for_each_key_answers_what_linq_answers()
    {
        var problems = new List<string>();
        foreach (var key in AllKeys)
        {
            var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["grid_meter.id"] = key }, GridOracle.Features);
            var expected = GridOracle.Expected(key, GridData.Now, _grid.Sqlite);
            foreach (var (feature, want) in expected)
                Compare(problems, $"{GridOracle.Show(key)} {feature}", want, result[feature], result.Errors.Where(e => e.Feature == feature).Select(e => e.Message));
            bool exists = GridOracle.Meter(key, GridData.Now, _grid.Sqlite) is not null;
            if (result.Found != exists) problems.Add($"{GridOracle.Show(key)}: Found is {result.Found}");
            if (!exists && !result.MissingRows.Any(m => m.Path == "grid_meter" && Equals(m.Key, key)))
                problems.Add($"{GridOracle.Show(key)}: not in MissingRows ({string.Join("; ", result.MissingRows)})");
        }
        Assert.That(problems, Is.Empty, $"{store}, lifting {lifting}");
    }

    [Test]
    public async Task A_batch_of_every_key_with_nulls_and_duplicates_answers_what_linq_answers()
    {
        var keys = AllKeys.Concat([null, "M-001", "M-001 ", null, GridData.Nfd, GridData.Nfc, "M-001"]).Reverse().ToArray();
        await CheckBatchAsync(keys.Select(k => (k, GridData.Now)).ToArray());
    }

    [Test]
    public async Task A_point_in_time_batch_sees_rows_at_exactly_its_time_and_not_a_microsecond_after()
    {
        var now = GridData.Now;
        var day = TimeSpan.FromDays(1);
        var micro = GridData.Micro;
        DateTime[] times = [now, now - micro, now + micro, now - day, now - day - micro, now - day + micro, now - 7 * day, now - 7 * day - micro,
            now + day, now - 30 * day, now - TimeSpan.FromHours(2), now - TimeSpan.FromHours(3), DateTime.MaxValue.AddTicks(-9)];
        string[] keys = ["M-001", "overflow", "nan", "future", "M-001 ", "allnull", "S-1"];
        var rows = times.SelectMany(t => keys.Select(k => ((string?)k, t))).ToList();
        rows.AddRange(rows.Take(9)); // the same key and time again: a duplicate input row
        await CheckBatchAsync(rows);
    }

    [Test]
    public async Task One_key_at_many_times_in_one_batch_gets_each_time_its_own_answer()
    {
        var rows = Enumerable.Range(0, 40).Select(i => ((string?)"M-001", GridData.Now - TimeSpan.FromHours(i * 5) + GridData.Micro * (i % 3 - 1))).ToArray();
        await CheckBatchAsync(rows);
    }

    [Test]
    public async Task A_large_batch_of_similar_keys_answers_each_row_for_its_own_key()
    {
        var all = AllKeys.ToArray();
        var rows = Enumerable.Range(0, 3000).Select(i => ((string?)all[(i * 7) % all.Length], GridData.Now - TimeSpan.FromHours(i % 50))).ToArray();
        await CheckBatchAsync(rows);
    }

    [Test]
    public async Task An_empty_batch_gives_an_empty_table_with_every_output_column()
    {
        var result = await _engine.QueryBatchDetailedAsync(GridEngines.Inputs([]), GridOracle.Features, asOf: "at");
        Assert.That(result.Table.Length, Is.EqualTo(0));
        Assert.That(result.Table.Schema.FieldsList.Select(f => f.Name), Is.EqualTo(GridOracle.Features));
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.MissingRows, Is.Empty);
    }

    private async Task CheckBatchAsync(IReadOnlyList<(string? Key, DateTime At)> rows)
    {
        var result = await _engine.QueryBatchDetailedAsync(GridEngines.Inputs(rows), GridOracle.Features, asOf: "at");
        Assert.That(result.Table.Length, Is.EqualTo(rows.Count));
        var problems = new List<string>();
        for (int row = 0; row < rows.Count; row++)
        {
            var (key, at) = rows[row];
            var expected = GridOracle.Expected(key, at, _grid.Sqlite);
            for (int c = 0; c < GridOracle.Features.Count; c++)
            {
                var feature = GridOracle.Features[c];
                var errors = result.Errors.Where(e => e.Row == row && e.Feature == feature).Select(e => e.Message);
                Compare(problems, $"row {row} {GridOracle.Show(key)} at {at:O} {feature}", expected[feature], ArrowValues.Get(result.Table.Column(c), row), errors);
            }
            bool exists = GridOracle.Meter(key, at, _grid.Sqlite) is not null;
            bool reported = result.MissingRows.Any(m => m.Row == row && m.Path == "grid_meter");
            if (reported == exists) problems.Add($"row {row} {GridOracle.Show(key)}: reported missing {reported}");
        }
        Assert.That(problems.Take(40), Is.Empty, $"{store}, lifting {lifting}: {problems.Count} problems");
    }

    private static void Compare(List<string> problems, string where, object? expected, object? actual, IEnumerable<string> errors)
    {
        var messages = errors.ToList();
        if (expected is Fails fails)
        {
            if (actual is not null || !messages.Any(m => m.Contains(fails.Message, StringComparison.Ordinal)))
                problems.Add($"{where}: expected the error '{fails.Message}', got {GridOracle.Show(actual)} [{string.Join("; ", messages)}]");
            return;
        }
        if (messages.Count > 0) problems.Add($"{where}: expected {GridOracle.Show(expected)}, got errors [{string.Join("; ", messages)}]");
        else if (!GridOracle.Agree(expected, actual)) problems.Add($"{where}: expected {GridOracle.Show(expected)}, got {GridOracle.Show(actual)}");
    }
}
