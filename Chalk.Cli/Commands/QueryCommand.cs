using System.CommandLine;
using Apache.Arrow;

namespace Chalk.Cli.Commands;

/// <summary><c>chalk query --in name=value … --out name … [--staleness feature=duration …] [--require-store] [--json]</c>:
/// computes features and prints them with where each came from. With <c>--input file.csv|file.parquet [--as-of column]</c>
/// instead of <c>--in</c>, a batch query: one answer per row of the file, printed as a table or written with <c>--output</c>.</summary>
internal static class QueryCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = CommonOptions.Inputs("Input features as name=value, e.g. review.id=241 (repeatable); or give --input");
        inputs.Required = false;
        var outputs = CommonOptions.Outputs();
        var project = CommonOptions.Project();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var staleness = new Option<string[]>("--staleness")
        {
            Description = "Override a feature's max staleness for this query as feature=duration, e.g. user.review_count=10m; 0s bypasses the online store, infinity takes any stored value (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var requireStore = new Option<bool>("--require-store") { Description = "Fail (exit 1) when the online store cannot be reached, instead of computing every feature from its resolver" };
        var file = new Option<string?>("--input") { Description = "A batch query: a .csv or .parquet file with a column per input feature (named by its path), one query per row" };
        var asOf = new Option<string?>("--as-of") { Description = "With --input: the file's time-stamp column, each row's point in time (default: now)" };
        var outputFile = new Option<string?>("--output") { Description = "With --input: write the answers to this .csv, .json or .parquet file instead of printing a table" };
        var format = new Option<string?>("--format") { Description = "With --input: table (the default on standard output), csv, json or parquet (default: from the --output file's extension)" };
        format.AcceptOnlyFromAmong(BatchOutput.Formats);
        var command = new Command("query", "Compute features for one set of inputs, and say where each value came from; or for every row of a CSV or Parquet file")
        {
            inputs, outputs, project, json, staleness, requireStore, file, asOf, outputFile, format,
        };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            var given = parse.GetValue(inputs) ?? [];
            var batchFile = parse.GetValue(file);
            if ((given.Length > 0) == (batchFile is not null))
                throw new ArgumentException("give --in name=value (one query) or --input file.csv|file.parquet (a query per row), one of the two");
            if (batchFile is null && (parse.GetValue(asOf) ?? parse.GetValue(outputFile) ?? parse.GetValue(format)) is not null)
                throw new ArgumentException("--as-of, --output and --format go with --input (a batch query)");
            // A batch query computes every row from resolvers, as QueryBatchAsync does: the online store is not read.
            if (batchFile is not null && ((parse.GetValue(staleness) ?? []).Length > 0 || parse.GetValue(requireStore)))
                throw new ArgumentException("--staleness and --require-store go with --in: a batch query (--input) does not read the online store");
            await using var engine = await CommonOptions.BuildEngineAsync(parse.GetValue(project), ct).ConfigureAwait(false);
            if (batchFile is not null)
                return await BatchAsync(engine, batchFile, parse.GetValue(outputs)!, parse.GetValue(asOf), parse.GetValue(outputFile),
                    parse.GetValue(format) ?? (parse.GetValue(json) ? "json" : null), output, ct).ConfigureAwait(false);
            var values = InputParser.Parse(engine.Features, given);
            var options = new QueryOptions { RequireOnlineStore = parse.GetValue(requireStore) };
            StalenessParser.Parse(engine.Features, parse.GetValue(staleness) ?? [], options.Staleness);
            var result = await engine.QueryAsync(values, parse.GetValue(outputs)!, options, ct).ConfigureAwait(false);
            await output.WriteAsync(parse.GetValue(json) ? QueryOutput.Json(result) : QueryOutput.Text(result)).ConfigureAwait(false);
            // The values of a row that does not exist are all null: say so in the exit code, not only in the text.
            return result.Found ? ExitCodes.Success : ExitCodes.RowNotFound;
        }));
        return command;
    }

    private static async Task<int> BatchAsync(ChalkEngine engine, string file, string[] outputs, string? asOf, string? outputFile, string? format, TextWriter output,
        CancellationToken cancellationToken)
    {
        var chosen = BatchOutput.FormatOf(format, outputFile);
        if (chosen == "parquet" && outputFile is null) throw new ArgumentException("--format parquet writes a binary file; give --output file.parquet");
        var inputs = await BatchInputFile.ReadAsync(file, engine.Features, asOf, cancellationToken).ConfigureAwait(false);
        Task<BatchResult> Run(IProgress<QueryProgress>? progress)
            => engine.QueryBatchDetailedAsync(inputs, outputs, new BatchQueryOptions { AsOf = asOf, Progress = progress }, cancellationToken);
        var result = BatchProgressBar.Wanted(output)
            ? await BatchProgressBar.RunAsync($"{inputs.Length} rows", Run).ConfigureAwait(false)
            : await Run(null).ConfigureAwait(false);
        await BatchOutput.WriteAsync(WithInputs(inputs, result.Table), result, chosen, outputFile, output, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // The answer beside the inputs that asked for it (an input also asked for as an output appears once).
    private static RecordBatch WithInputs(RecordBatch inputs, RecordBatch answers)
    {
        var names = answers.Schema.FieldsList.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var kept = Enumerable.Range(0, inputs.ColumnCount).Where(i => !names.Contains(inputs.Schema.GetFieldByIndex(i).Name)).ToList();
        var fields = kept.Select(inputs.Schema.GetFieldByIndex).Concat(answers.Schema.FieldsList);
        var arrays = kept.Select(inputs.Column).Concat(Enumerable.Range(0, answers.ColumnCount).Select(answers.Column));
        return new RecordBatch(new Schema(fields, null), arrays, answers.Length);
    }
}
