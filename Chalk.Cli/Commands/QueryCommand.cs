using System.CommandLine;

namespace Chalk.Cli.Commands;

/// <summary><c>chalk query --in name=value … --out name … [--staleness feature=duration …] [--require-store] [--json]</c>:
/// computes features and prints them with where each came from.</summary>
internal static class QueryCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = CommonOptions.Inputs("Input features as name=value, e.g. review.id=241 (repeatable)");
        var outputs = CommonOptions.Outputs();
        var project = CommonOptions.Project();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var staleness = new Option<string[]>("--staleness")
        {
            Description = "Override a feature's max staleness for this query as feature=duration, e.g. user.review_count=10m; 0s bypasses the online store, infinity takes any stored value (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var requireStore = new Option<bool>("--require-store") { Description = "Fail (exit 1) when the online store cannot be reached, instead of computing every feature from its resolver" };
        var command = new Command("query", "Compute features for one set of inputs, and say where each value came from") { inputs, outputs, project, json, staleness, requireStore };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            await using var engine = await CommonOptions.BuildEngineAsync(parse.GetValue(project), ct).ConfigureAwait(false);
            var values = InputParser.Parse(engine.Features, parse.GetValue(inputs)!);
            var options = new QueryOptions { RequireOnlineStore = parse.GetValue(requireStore) };
            StalenessParser.Parse(engine.Features, parse.GetValue(staleness) ?? [], options.Staleness);
            var result = await engine.QueryAsync(values, parse.GetValue(outputs)!, options, ct).ConfigureAwait(false);
            await output.WriteAsync(parse.GetValue(json) ? QueryOutput.Json(result) : QueryOutput.Text(result)).ConfigureAwait(false);
            // The values of a row that does not exist are all null: say so in the exit code, not only in the text.
            return result.Found ? ExitCodes.Success : ExitCodes.RowNotFound;
        }));
        return command;
    }
}
