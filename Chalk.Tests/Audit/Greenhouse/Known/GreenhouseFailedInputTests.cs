using Chalk.Expressions;

namespace Chalk.Tests.Audit.Greenhouse;

// KNOWN OPEN BUG, excluded from compilation (Chalk.Tests.csproj: Compile Remove="Audit\Greenhouse\Known\**"); include
// it again once fixed. Found by the greenhouse audit.
//
// A computed feature that reads a feature of the same row whose resolver threw is computed from null as if null were
// the value: GhReading.Bright => CountsPerLux > 10 answers false on every reading where GhResolvers.CountsPerLux threw
// (zero lux: DivideByZeroException; long.MinValue / -1: OverflowException), on the lifted path and per row, on DuckDB
// and SQLite. C# never sees a value there (the getter would have needed the resolver's result), so the contract is an
// error of the row, as for a has-many child's failed feature (docs/concepts.md) and a has-one row's failed feature
// (gh_reading.sensor_prefix_via, which does fail its row). E.g. reading 8 (raw_counts 3037000500, lux 0): expected the
// error "Attempted to divide by zero.", got False (the row's errors list only gh_reading.counts_per_lux). Verified
// failing on all four fixtures (duckdb/sqlite x lifted/per row) at commit 09142d1 with the Compile Remove line dropped.
//
// Root cause: row errors do not flow along feature dependencies inside one frame. PlanExecutor (Chalk.Engine/Execution)
// queues a node's FeatureErrors in FrameState.Errors but the node that reads the failed column later (LiftedNode,
// ComputedFallbackNode via ObjectMaterializer.Build for the root frame) sees only a null in the column. LiftedNode has
// a mechanism for aggregate error columns (ErrorInputs / or_error) that would be the model: a failed input column read
// by the expression must fail exactly the rows where the expression reads it (inside if/coalesce only where taken).
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
