using System.Globalization;
using CsCheck;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Random feature graphs (has-one with null and dangling keys, has-many, computed properties, aggregates,
/// resolvers that lift and one that cannot) compiled with Roslyn and answered from DuckDB: online per key, batch,
/// lifting on and off all equal the per-row oracle of MISSING_ROWS.md.</summary>
/// <remarks>CsCheck prints the seed and the smallest failing case (C#, SQL, rows, queries). Re-run one with
/// <c>CHALK_PROPERTIES_SEED=…</c>; search longer with <c>CHALK_PROPERTIES_ITER</c> or <c>CHALK_PROPERTIES_SECONDS</c>
/// (which also lets the shrinker find a smaller case).</remarks>
[Category("Properties")]
[NonParallelizable]
public sealed class RandomFeatureGraphTests
{
    private const int DefaultIterations = 100;

    [Test]
    public Task Every_path_agrees_with_the_oracle_including_missing_rows_null_keys_and_dangling_keys() =>
        RunAsync(new GraphOptions(MissingRows: true, NulInKeys: true), includeMissingRows: true);

    [Test]
    public Task Every_path_agrees_with_the_oracle_when_every_key_names_a_row() =>
        RunAsync(new GraphOptions(MissingRows: false, NulInKeys: false), includeMissingRows: false);

    [Test]
    public Task Discrepancies_other_than_missing_rows_are_absent_from_graphs_with_missing_rows() =>
        RunAsync(new GraphOptions(MissingRows: true, NulInKeys: false), includeMissingRows: false);

    private static async Task RunAsync(GraphOptions options, bool includeMissingRows)
    {
        var seed = Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SEED");
        var iter = int.TryParse(Environment.GetEnvironmentVariable("CHALK_PROPERTIES_ITER"), CultureInfo.InvariantCulture, out var i) ? i : DefaultIterations;
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("CHALK_PROPERTIES_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : -1;
        await GraphGen.Cases(options).SampleAsync(async c =>
        {
            var found = (await GraphRun.CheckAsync(c)).Where(d => includeMissingRows || !d.MissingRow).ToList();
            if (found.Count > 0)
                throw new AssertionException($"{found.Count} discrepancies:\n" + string.Join("\n", found.Take(20)));
        }, seed: seed, iter: iter, time: seconds, threads: 1, print: Print);
    }

    // CsCheck shortens a long case in the failure message; CHALK_PROPERTIES_DUMP names a file for the whole of it.
    private static string Print(GraphCase c)
    {
        var text = c.ToString();
        if (Environment.GetEnvironmentVariable("CHALK_PROPERTIES_DUMP") is { Length: > 0 } path) File.WriteAllText(path, text);
        return text;
    }
}
