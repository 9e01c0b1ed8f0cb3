using System.Text.Json;
using Chalk.Cli;
using Chalk.Tests.Engine.Support;

namespace Chalk.Tests.Cli;

/// <summary>The <c>chalk</c> command on a copy of the bundled example: tables, JSON, explain and one-line errors.</summary>
public sealed class CliTests
{
    private string _project = null!;

    [OneTimeSetUp]
    public void CopyExample()
    {
        _project = Directory.CreateTempSubdirectory("chalk-cli-").FullName;
        Repository.CopyMarketplaceTo(_project);
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(_project, true);

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.InProjectAsync(_project, args);

    [Test]
    public async Task Query_prints_an_aligned_table_and_seeds_the_database_on_first_run()
    {
        var (code, output, error) = await RunAsync("query", "--in", "review.id=241", "--out", "review.normalized_rating", "--out", "review.user.display_name");
        Assert.That(code, Is.EqualTo(0), error);
        var lines = output.TrimEnd().Split('\n');
        Assert.That(lines[0], Does.Match(@"^feature\s+value\s+source$"));
        Assert.That(lines[1], Does.Match(@"^review\.normalized_rating\s+0\.25\s+resolver$"));
        Assert.That(lines[2], Does.Match(@"^review\.user\.display_name\s+\S.*\(@.*\)\s+resolver$"));
        Assert.That(lines[1].IndexOf("0.25", StringComparison.Ordinal), Is.EqualTo(lines[2].IndexOf(lines[2].Split("  ", StringSplitOptions.RemoveEmptyEntries)[1], StringComparison.Ordinal)));
        Assert.That(lines[1].IndexOf("resolver", StringComparison.Ordinal), Is.EqualTo(lines[0].IndexOf("source", StringComparison.Ordinal)));
        Assert.That(lines[2].IndexOf("resolver", StringComparison.Ordinal), Is.EqualTo(lines[0].IndexOf("source", StringComparison.Ordinal)));
        Assert.That(lines[^1], Is.EqualTo("online store: memory, 0 hits, 2 misses"),
            "the review's product and author keys, which lead to the product's and the user's stored features, are looked up");
        Assert.That(File.Exists(Path.Combine(_project, "marketplace.duckdb")), Is.True);
    }

    [Test]
    public async Task The_seed_query_answers_every_output_on_a_fresh_copy_of_the_example()
    {
        var (code, output, error) = await RunAsync(["query", "--in", "review.id=241", .. MarketplaceSeedQuery.Outputs.SelectMany(o => new[] { "--out", o }), "--json"]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(error, Is.Empty);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("errors").GetArrayLength(), Is.Zero, output);
        var values = doc.RootElement.GetProperty("values");
        Assert.That(values.EnumerateObject().Select(p => p.Name), Is.EqualTo(MarketplaceSeedQuery.Outputs));
        foreach (var (feature, expected) in MarketplaceSeedQuery.Today)
            Assert.That(values.GetProperty(feature).GetRawText(), Is.EqualTo(JsonSerializer.Serialize(expected)), feature);
        Assert.That(File.Exists(Path.Combine(_project, "catalog.sqlite")), Is.True, "the catalogue was seeded into its SQLite file");
    }

    [Test]
    public async Task Query_with_json_prints_values_and_errors()
    {
        var (code, output, _) = await RunAsync("query", "--in", "user.id=5", "--out", "user.review_count", "--out", "user.birth_year", "--json");
        Assert.That(code, Is.EqualTo(0));
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("values").GetProperty("user.review_count").GetInt64(), Is.GreaterThan(0));
        Assert.That(doc.RootElement.GetProperty("errors").GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    public async Task A_query_for_a_row_that_does_not_exist_says_so_and_exits_with_4()
    {
        var (code, output, _) = await RunAsync("query", "--in", "review.id=99999999", "--out", "review.product.total_reviews", "--out", "review.product.title");
        Assert.That(code, Is.EqualTo(4));
        Assert.That(output, Does.Match(@"review\.product\.total_reviews\s+null"));
        Assert.That(output, Does.Contain("missing: review: no row for review.id = 99999999"));
        (code, output, _) = await RunAsync("query", "--in", "review.id=99999999", "--out", "review.product.total_reviews", "--json");
        Assert.That(code, Is.EqualTo(4));
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("values").GetProperty("review.product.total_reviews").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var missing = doc.RootElement.GetProperty("missing")[0];
        Assert.That(missing.GetProperty("path").GetString(), Is.EqualTo("review"));
        Assert.That(missing.GetProperty("key").GetString(), Is.EqualTo("99999999"));
    }

    [Test]
    public async Task Explain_draws_the_plan_as_mermaid_dot_and_svg_with_a_box_per_operator_coloured_by_kind()
    {
        string[] query = ["explain", "--in", "review.id", "--out", "review.normalized_rating", "--out", "review.sentiment_score", "--out", "review.product.total_reviews"];
        var (code, mermaid, error) = await RunAsync([.. query, "--format", "mermaid"]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(mermaid, Does.StartWith("flowchart LR"));
        Assert.That(mermaid, Does.Match(@"n\d+\[""SqlLookup marketplace_review\.chalk\.sql[^""]*""\]:::sqllookup"));
        Assert.That(mermaid, Does.Match(@"\[""Lifted MarketplaceResolvers\.GetNormalizedRating[^""]*""\]:::lifted"));
        Assert.That(mermaid, Does.Match(@"\[""Fallback MarketplaceResolvers\.GetSentimentScore[^""]*""\]:::fallback"));
        Assert.That(mermaid, Does.Match(@"\[""Aggregate pushed down into marketplace_review\.chalk\.sql[^""]*""\]:::pushedaggregate"));
        Assert.That(mermaid, Does.Match(@"\[""Exists review := review\.id[^""]*""\]:::exists"));
        Assert.That(mermaid, Does.Contain("classDef lifted fill:#d1e7dd"));
        Assert.That(mermaid, Does.Match(@"n\d+ -\.-> n\d+"), "a dashed arrow from the existence check to what it masks");
        (code, var dot, error) = await RunAsync([.. query, "--format", "dot"]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(dot, Does.StartWith("digraph plan {").And.Contain("fillcolor=\"#ffe5b4\"").And.Contain("[style=dashed]"));
        (code, var svg, error) = await RunAsync([.. query, "--format", "svg"]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(svg, Does.Contain("<svg").And.Contain("GetSentimentScore").And.Contain("#ffe5b4"));
        (code, _, error) = await RunAsync([.. query, "--format", "png"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("png"));
    }

    [Test]
    public async Task Explain_with_timings_runs_the_query_and_shows_each_operators_time()
    {
        var (code, text, error) = await RunAsync("explain", "--in", "review.id=241", "--out", "review.normalized_rating", "--out", "review.sentiment_score", "--timings");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(text, Does.Match(@"SqlLookup marketplace_review\.chalk\.sql[^\n]*  \[\d+\.\d{3} ms\]"));
        Assert.That(text, Does.Match(@"Fallback MarketplaceResolvers\.GetSentimentScore[^\n]*  \[\d+\.\d{3} ms\]"));
        Assert.That(text, Does.Match(@"total: \d+\.\d{3} ms"));
        (code, var mermaid, error) = await RunAsync("explain", "--in", "review.id=241", "--out", "review.normalized_rating", "--timings", "--format", "mermaid");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(mermaid, Does.Match(@"Lifted MarketplaceResolvers\.GetNormalizedRating[^""]* · \d+\.\d{3} ms""\]:::lifted"));
        (code, _, error) = await RunAsync("explain", "--in", "review.id", "--out", "review.normalized_rating", "--timings");
        Assert.That(code, Is.EqualTo(2), "timings run the query, so the inputs need values");
        Assert.That(error, Does.Contain("review.id"));
    }

    [Test]
    public async Task Explain_prints_the_plan()
    {
        var (code, output, _) = await RunAsync("explain", "--in", "review.id", "--out", "review.normalized_rating");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("SqlLookup marketplace_review.chalk.sql").And.Contain("Lifted MarketplaceResolvers.GetNormalizedRating"));
    }

    [TestCase(2, "query", "--in", "review.id=abc", "--out", "review.rating")]
    [TestCase(2, "query", "--in", "review.id", "--out", "review.rating")]
    [TestCase(2, "query", "--in", "review.id=1")]
    [TestCase(2, "query", "--in", "review.id=1", "--in", "review.created_at=12:00", "--out", "review.rating")]
    [TestCase(2, "query", "--in", "review.id=1", "--in", "review.created_at=1/2/2024", "--out", "review.rating")]
    [TestCase(1, "query", "--in", "review.id=1", "--out", "review.ratng")]
    [TestCase(1, "query", "--in", "nope.id=1", "--out", "review.rating")]
    public async Task Bad_input_exits_non_zero_with_one_line_on_standard_error(int expected, params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.That(code, Is.EqualTo(expected));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("error: "));
    }

    [Test]
    public async Task A_folder_without_chalk_json_is_a_one_line_error()
    {
        var empty = Directory.CreateTempSubdirectory("chalk-empty-").FullName;
        try
        {
            var error = new StringWriter();
            int code = await CliApp.RunAsync(["query", "--in", "review.id=1", "--out", "review.rating", "--project", empty], new StringWriter(), error);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain("chalk.json"));
        }
        finally
        {
            Directory.Delete(empty, true);
        }
    }

    [Test]
    public async Task Chalk_json_settings_expand_environment_variables_and_name_a_missing_one()
    {
        var dir = Directory.CreateTempSubdirectory("chalk-env-").FullName;
        var variable = "CHALK_TEST_DB_" + Guid.NewGuid().ToString("N");
        try
        {
            foreach (var f in Directory.EnumerateFiles(_project, "*.sql")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            File.WriteAllText(Path.Combine(dir, "chalk.json"),
                "{ \"features\": [\"Chalk.Examples\"], \"sources\": { \"marketplace\": { \"kind\": \"duckdb\", \"path\": \"${" + variable + "}\", \"seed\": \"seed.sql\" },"
                + " \"catalog\": { \"kind\": \"sqlite\", \"path\": \"catalog.sqlite\", \"seed\": \"catalog.sql\" } } }");
            var error = new StringWriter();
            int code = await CliApp.RunAsync(["query", "--in", "review.id=241", "--out", "review.rating", "--project", dir], new StringWriter(), error);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain(variable));

            Environment.SetEnvironmentVariable(variable, "from-env.duckdb");
            var output = new StringWriter();
            code = await CliApp.RunAsync(["query", "--in", "review.id=241", "--out", "review.rating", "--project", dir], output, new StringWriter());
            Assert.That(code, Is.EqualTo(0));
            Assert.That(File.Exists(Path.Combine(dir, "from-env.duckdb")), Is.True);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public async Task Lift_lists_every_body_and_verify_finds_no_disagreement()
    {
        var (code, output, error) = await RunAsync("lift", "--verify", "--rows", "500");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Match(@"Review\.IsPositive\s+lifted\s+gas \d+: not\(lt\(col\(""rating""\), lit\(4\)\)\)"));
        Assert.That(output, Does.Match(@"MarketplaceResolvers\.GetSentimentScore\s+fallback loop \(back edge"));
        Assert.That(output, Does.Match(@"verify Review\.IsPositive\s+agrees on 500 random rows"));
        Assert.That(output, Does.Not.Contain("DISAGREES"));
    }

    [TestCase("qury", "query")]
    [TestCase("explian", "explain")]
    [TestCase("lfit", "lift")]
    public async Task An_unknown_command_is_a_usage_error_that_suggests_the_nearest(string typed, string meant)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync([typed, "--in", "review.id=1", "--out", "review.rating"], output, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(error.ToString().TrimEnd(), Is.EqualTo($"error: '{typed}' is not a chalk command; did you mean '{meant}'?"));
    }

    [Test]
    public async Task A_far_unknown_command_lists_the_commands()
    {
        var error = new StringWriter();
        int code = await CliApp.RunAsync(["frobnicate"], new StringWriter(), error);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(error.ToString(), Does.Contain("query, features, materialize, explain, lift"));
    }

    [TestCase("0")]
    [TestCase("-5")]
    public async Task Lift_rows_below_one_is_a_usage_error_before_any_work(string rows)
    {
        var (code, output, error) = await RunAsync("lift", "--verify", "--rows", rows);
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output, Is.Empty, "nothing is listed or verified");
        Assert.That(error.TrimEnd(), Is.EqualTo($"error: --rows must be at least 1, not {rows}"));
    }

    [Test]
    public async Task An_unknown_input_reads_as_a_sentence_with_a_suggestion()
    {
        var (code, _, error) = await RunAsync("explain", "--in", "review.idd", "--out", "review.rating");
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error.TrimEnd(), Is.EqualTo("error: unknown input: no feature 'review.idd': Review has no feature 'idd'; did you mean 'review.id'?"));
    }

    [Test]
    public async Task A_query_without_the_primary_key_says_to_give_it_rather_than_that_there_is_none()
    {
        var (code, _, error) = await RunAsync("query", "--in", "review.user_id=1", "--out", "review.rating");
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain("primary key").And.Contain("give review.id").And.Not.Contain("has no primary key"));
    }
}
