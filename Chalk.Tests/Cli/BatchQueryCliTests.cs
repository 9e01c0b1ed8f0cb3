using System.Text.Json;
using Chalk.Cli;
using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Support;

namespace Chalk.Tests.Cli;

/// <summary><c>chalk query --input file.csv|file.parquet [--as-of column]</c> on a copy of the bundled example: a table by
/// default, CSV, JSON and Parquet with <c>--output</c>/<c>--format</c>, and the same answers as the engine's batch query;
/// and <c>chalk features</c>, the catalogue with each feature's documentation.</summary>
public sealed class BatchQueryCliTests
{
    private string _project = null!;

    [OneTimeSetUp]
    public void CopyExample()
    {
        _project = Directory.CreateTempSubdirectory("chalk-cli-batch-").FullName;
        Repository.CopyMarketplaceTo(_project);
        File.WriteAllText(Path.Combine(_project, "reviews.csv"), "review.id,ts\n241,2024-06-01 00:00:00\n242,2024-06-01 00:00:00\n99999999,2024-06-01 00:00:00\n");
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(_project, true);

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.InProjectAsync(_project, args);

    private string At(string name) => Path.Combine(_project, name);

    [Test]
    public async Task A_csv_input_prints_a_table_of_the_inputs_and_answers_and_lists_the_missing_row()
    {
        var (code, output, error) = await RunAsync("query", "--input", At("reviews.csv"), "--as-of", "ts", "--out", "review.rating", "--out", "review.normalized_rating");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(error, Is.Empty);
        var lines = output.TrimEnd().Split('\n');
        Assert.That(lines[0], Does.Match(@"^review\.id\s+ts\s+review\.rating\s+review\.normalized_rating$"));
        Assert.That(lines[1], Does.Match(@"^241\s+2024-06-01T00:00:00\.0000000\s+5\s+0\.25$"));
        Assert.That(lines[3], Does.Match(@"^99999999\s+\S+\s+null\s+null$"));
        Assert.That(output, Does.Contain("missing: ").And.Contain("99999999"));
    }

    [Test]
    public async Task Csv_json_and_parquet_outputs_hold_the_same_answers_as_the_engines_batch_query()
    {
        var csv = At("answers.csv");
        var json = At("answers.json");
        var parquet = At("answers.parquet");
        string[] outputs = ["--out", "review.rating", "--out", "review.user.display_name"];
        foreach (var target in new[] { csv, json, parquet })
        {
            var (code, output, error) = await RunAsync(["query", "--input", At("reviews.csv"), "--as-of", "ts", .. outputs, "--output", target]);
            Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
            Assert.That(output, Does.StartWith($"wrote 3 rows of 4 columns to {target}"));
        }
        var csvLines = (await File.ReadAllTextAsync(csv)).TrimEnd().Split('\n');
        Assert.That(csvLines[0], Is.EqualTo("review.id,ts,review.rating,review.user.display_name"));
        Assert.That(csvLines[1], Does.StartWith("241,2024-06-01T00:00:00.0000000,5,"));
        Assert.That(csvLines[3], Is.EqualTo("99999999,2024-06-01T00:00:00.0000000,,"));

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[0].GetProperty("review.rating").GetInt32(), Is.EqualTo(5));
        Assert.That(rows[2].GetProperty("review.rating").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var name = rows[0].GetProperty("review.user.display_name").GetString();
        Assert.That(csvLines[1], Does.EndWith(name!.Contains(',', StringComparison.Ordinal) ? "\"" + name + "\"" : name));

        // The Parquet file read back by DuckDB, and the CSV read back by the CLI itself: the answers go round.
        await using var duckdb = new DuckDbSource("Data Source=:memory:");
        var back = await duckdb.QueryWithTablesAsync($"select \"review.id\", \"review.rating\", \"review.user.display_name\" from read_parquet('{parquet}') order by 1", [], "test");
        var batch = back.Batches.Single();
        Assert.That(((Apache.Arrow.Int64Array)batch.Column(0)).GetValue(0), Is.EqualTo(241));
        Assert.That(((Apache.Arrow.StringArray)batch.Column(2)).GetString(0), Is.EqualTo(name));
        Assert.That(batch.Column(1).IsNull(2), Is.True);
    }

    [Test]
    public async Task A_parquet_input_answers_as_its_csv_does()
    {
        await using (var duckdb = new DuckDbSource("Data Source=:memory:"))
        {
            using var _ = await duckdb.QueryWithTablesAsync(
                $"copy (select cast(\"review.id\" as integer) as \"review.id\", ts from read_csv('{At("reviews.csv")}', header = true)) to '{At("reviews.parquet")}' (format parquet)", [], "test");
        }
        var fromCsv = await RunAsync("query", "--input", At("reviews.csv"), "--as-of", "ts", "--out", "review.normalized_rating", "--format", "csv");
        var fromParquet = await RunAsync("query", "--input", At("reviews.parquet"), "--as-of", "ts", "--out", "review.normalized_rating", "--format", "csv");
        var asJson = await RunAsync("query", "--input", At("reviews.parquet"), "--as-of", "ts", "--out", "review.normalized_rating", "--json");
        using (var doc = JsonDocument.Parse(asJson.Out))
            Assert.That(doc.RootElement[0].GetProperty("review.normalized_rating").GetDouble(), Is.EqualTo(0.25), "--json prints the rows as JSON");
        Assert.That(fromParquet.Code, Is.EqualTo(ExitCodes.Success), fromParquet.Err);
        Assert.That(fromParquet.Out, Is.EqualTo(fromCsv.Out), "an INTEGER column of the Parquet file is cast to the long feature");
        Assert.That(fromCsv.Out, Does.StartWith("review.id,ts,review.normalized_rating\n241,"));
    }

    [TestCase(new[] { "--in", "review.id=241", "--input", "reviews.csv" }, "one of the two")]
    [TestCase(new[] { "--input", "reviews.csv", "--as-of", "when" }, "--as-of 'when' is not a column")]
    [TestCase(new[] { "--input", "missing.csv" }, "does not exist")]
    [TestCase(new[] { "--input", "reviews.csv", "--format", "parquet" }, "give --output file.parquet")]
    [TestCase(new[] { "--in", "review.id=241", "--output", "x.csv" }, "go with --input")]
    [TestCase(new[] { "--input", "reviews.csv", "--as-of", "ts", "--require-store" }, "does not read the online store")]
    public async Task A_wrong_batch_command_line_is_a_usage_error(string[] args, string message)
    {
        var resolved = args.Select(a => a.EndsWith(".csv", StringComparison.Ordinal) && a != "x.csv" ? At(a) : a).ToArray();
        var (code, _, error) = await RunAsync(["query", .. resolved, "--out", "review.rating"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), error);
        Assert.That(error, Does.StartWith("error: ").And.Contain(message));
    }

    [Test]
    public async Task A_column_that_names_no_feature_is_an_error_naming_it()
    {
        File.WriteAllText(At("typo.csv"), "review.idd\n241\n");
        var (code, _, error) = await RunAsync("query", "--input", At("typo.csv"), "--out", "review.rating");
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error, Does.Contain("column 'review.idd' is not a feature"));
    }

    [Test]
    public async Task Features_lists_every_feature_with_its_type_resolver_computation_staleness_and_doc_summary()
    {
        var (code, output, error) = await RunAsync("features");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var lines = output.TrimEnd().Split('\n');
        Assert.That(lines[0], Does.Match(@"^feature\s+type\s+resolver\s+computed\s+staleness\s+description$"));
        Assert.That(lines.Single(l => l.StartsWith("user.review_count ", StringComparison.Ordinal)),
            Does.Match(@"^user\.review_count\s+long\s+User\.ReviewCount\s+lifted\s+1h\s+How many reviews the user wrote; served from the online store for up to an hour\.$"));
        Assert.That(lines.Single(l => l.StartsWith("user.display_name ", StringComparison.Ordinal)), Does.Contain("lifted").And.EndWith("Name and handle, as shown next to a review."));
        Assert.That(lines.Single(l => l.StartsWith("user.full_name ", StringComparison.Ordinal)), Does.Match(@"\s+string\s+\S+\.chalk\.sql\s+sql\s+First and last name\.$"));
        Assert.That(lines.Single(l => l.StartsWith("user.reviews ", StringComparison.Ordinal)), Does.Match(@"DataFrame<Review>\s+relation\s+The reviews this user wrote\.$"));

        var (jsonCode, json, _) = await RunAsync("features", "--json");
        Assert.That(jsonCode, Is.EqualTo(ExitCodes.Success));
        using var doc = JsonDocument.Parse(json);
        var count = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("feature").GetString() == "user.review_count");
        Assert.That(count.GetProperty("max_staleness").GetString(), Is.EqualTo("1h"));
        Assert.That(count.GetProperty("computed").GetString(), Is.EqualTo("lifted"));
        Assert.That(doc.RootElement.GetArrayLength(), Is.EqualTo(lines.Length - 1));
    }
}
