using Chalk.Expressions;

namespace Chalk.Tests.Audit.Greenhouse;

// Found by the greenhouse audit: a computed feature that reads a feature of the same row whose resolver threw was
// computed from null as if null were the value (GhReading.Bright => CountsPerLux > 10 answered False where
// GhResolvers.CountsPerLux threw), on the lifted path and per row, on DuckDB and SQLite. C# never sees a value there,
// so the row fails with the input's error (Chalk.Engine/Execution/InputFailures.cs).
[TestFixture("duckdb", true)]
[TestFixture("duckdb", false)]
[TestFixture("sqlite", true)]
[TestFixture("sqlite", false)]
public sealed class GreenhouseFailedInputTests(string store, bool lifting) : GreenhouseEngineFixture(store, lifting)
{
    [Test]
    public async Task A_getter_reading_a_failed_feature_of_its_own_row_fails_that_row()
    {
        var rows = GreenhouseData.Readings.Select(r => ((long?)r.Id, GreenhouseData.Now)).ToArray();
        var result = await Engine.QueryBatchDetailedAsync(GreenhouseEngines.Inputs("gh_reading.id", rows), ["gh_reading.bright"], asOf: "at");
        var problems = new List<string>();
        for (int row = 0; row < rows.Length; row++)
        {
            var r = GreenhouseData.Readings[row];
            object? expected;
            try { expected = GhResolvers.CountsPerLux(r.RawCounts, r.Lux) > 10; }
            catch (Exception e) { expected = e.Message; }
            var actual = ArrowValues.Get(result.Table.Column(0), row);
            var errors = result.Errors.Where(e => e.Row == row).Select(e => e.Message).ToList();
            if (expected is string message ? actual is not null || !errors.Any(e => e.Contains(message)) : !Equals(expected, actual) || errors.Count > 0)
                problems.Add($"reading {r.Id} (raw_counts {r.RawCounts}, lux {r.Lux}): expected {expected}, got {actual ?? "null"} [{string.Join("; ", errors)}]");
        }
        Assert.That(problems, Is.Empty, $"{Store}, lifting {Lifting}");
    }
}
