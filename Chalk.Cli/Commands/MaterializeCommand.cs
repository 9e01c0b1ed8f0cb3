using System.CommandLine;
using System.Globalization;

namespace Chalk.Cli.Commands;

/// <summary><c>chalk materialize --out name … [--in name=value … | --class name]</c>: computes features as a batch query
/// and writes them to the project's online store, for one row or for every row of a class.</summary>
internal static class MaterializeCommand
{
    // Past this many, row errors and missing rows are counted rather than listed one by one.
    private const int MaxListed = 20;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new Option<string[]>("--in", "-i")
        {
            Description = "Materialize one row, named by its input features as name=value, e.g. user.id=5 (repeatable); without it, every row of the class",
            AllowMultipleArgumentsPerToken = true,
        };
        var outputs = CommonOptions.Outputs();
        outputs.Description = "Features with a max staleness to compute and store, e.g. user.review_count (repeatable)";
        var featureClass = new Option<string?>("--class", "-c")
        {
            Description = "The class whose every row to materialize, e.g. user (default: the class of the --out features)",
        };
        var project = CommonOptions.Project();
        var command = new Command("materialize", "Compute features and write them to the online store, so online queries read them from there")
        {
            inputs, outputs, featureClass, project,
        };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            var given = parse.GetValue(inputs) ?? [];
            var named = parse.GetValue(featureClass);
            if (given.Length > 0 && named is not null)
                throw new ArgumentException("give --in (one row) or --class (every row of a class), not both");
            await using var engine = await CommonOptions.BuildEngineAsync(parse.GetValue(project), ct).ConfigureAwait(false);
            if (engine.OnlineStore is not { } store)
            {
                await error.WriteLineAsync("error: the project has no online store (\"onlineStore\": { \"kind\": \"none\" } in chalk.json), so there is nowhere to materialize into; use memory, sqlite or redis").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            var wanted = parse.GetValue(outputs)!;
            MaterializeResult result;
            string rows;
            if (given.Length > 0)
            {
                var values = InputParser.Parse(engine.Features, given);
                result = await engine.MaterializeAsync(InputBatch.FromValues(engine.Features, values).Batch, wanted, ct).ConfigureAwait(false);
                rows = string.Join(", ", given);
            }
            else
            {
                var cls = named ?? ClassOf(engine, wanted);
                result = await engine.MaterializeAsync(cls, wanted, ct).ConfigureAwait(false);
                rows = $"every {cls}";
            }
            await output.WriteAsync(Report(store, result, rows)).ConfigureAwait(false);
            if (result.Errors.Count > 0)
            {
                int failed = result.Errors.Select(e => e.Row).Distinct().Count();
                await error.WriteLineAsync($"error: {failed} of {result.Rows} rows had a feature error, so nothing of them was written (listed above)").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            return given.Length > 0 && result.MissingRows.Any(m => !m.Path.Contains('.', StringComparison.Ordinal)) ? ExitCodes.RowNotFound : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The one class every output is a feature of.</summary>
    /// <exception cref="ChalkPlanException">An output is not a feature.</exception>
    /// <exception cref="ArgumentException">The outputs are features of several classes.</exception>
    private static string ClassOf(ChalkEngine engine, IReadOnlyList<string> outputs)
    {
        var classes = outputs.Select(o => engine.Features.Resolve(o).Root.Name).Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count > 1)
            throw new ArgumentException($"the --out features belong to {string.Join(" and ", classes)}; materialize one class at a time, or give --in with that class's key");
        return classes[0];
    }

    private static string Report(Store.IOnlineStore store, MaterializeResult result, string rows)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.Append(c, $"online store  {store.Name}\n");
        sb.Append(c, $"rows          {result.Rows} ({rows})\n");
        sb.Append(c, $"written       {result.Written} value{(result.Written == 1 ? "" : "s")}\n");
        foreach (var e in result.Errors.Take(MaxListed)) sb.Append(c, $"error: row {e.Row}: {e.Feature}: {e.Message}\n");
        if (result.Errors.Count > MaxListed) sb.Append(c, $"error: … and {result.Errors.Count - MaxListed} more\n");
        foreach (var m in result.MissingRows.Take(MaxListed)) sb.Append("missing: ").Append(m).Append('\n');
        if (result.MissingRows.Count > MaxListed) sb.Append(c, $"missing: … and {result.MissingRows.Count - MaxListed} more\n");
        if (store is Store.InMemoryOnlineStore)
            sb.Append("note: the memory store lives in this process and is gone when chalk exits; point \"onlineStore\" in chalk.json at sqlite or redis to keep what materialize writes\n");
        return sb.ToString();
    }
}
