using System.Text.Json;
using Apache.Arrow;
using Chalk.Cli;
using Chalk.Sql.Sources;
using Chalk.Tests.Cli;

namespace Chalk.Tests.Audit.Ferry;

/// <summary><c>chalk query --input</c> on a ferry project of its own: keys and values go from the file to the answer
/// and out again as written (leading zeros, empty strings, quotes, commas and newlines, NaN, pre-1970 times, integers
/// past 2^53), and a file that does not fit the features is an error naming the column, never a changed value.</summary>
public sealed class FerryCliTests
{
    private const string Features = """
        namespace FerryCli;

        [Features]
        public class Vessel
        {
            [Primary] public string Id { get; init; } = "";
            public string? Name { get; init; }
            public long Seats { get; init; }
            public double? Tonnage { get; init; }
            public DateTime Built { get; init; }
            public DateTimeOffset? Inspected { get; init; }
            public string Label => Id + "/" + Name;
        }
        """;

    // The vessels as stored; DuckDB's own literals, so the test data is exactly what each row holds.
    private const string Seed = """
        create table vessels(id varchar, name varchar, seats bigint, tonnage double, built timestamp, inspected timestamptz);
        insert into vessels values
          ('007', 'Bond', 7, 1.5, '1965-03-01 12:00:00', '2020-01-01 00:00:00+00'),
          ('7', 'seven', 9007199254740993, 'NaN', '1969-12-31 23:59:59.999999', null),
          ('E', '', 0, null, '2000-01-01 00:00:00', null),
          ('N', null, -1, 'Infinity', '2001-01-01 00:00:00', null),
          ('Q', 'say "hi", then
        leave', 3, '-Infinity', '1900-01-01 00:00:00', null),
          ('', 'nameless key', 4, 4.25, '2002-02-02 02:02:02', null),
          ('S', 'null', 5, 5.0, '2003-03-03 00:00:00', null);
        """;

    private string _dir = null!;

    [OneTimeSetUp]
    public void CreateProject()
    {
        _dir = Directory.CreateTempSubdirectory("chalk-ferry-cli-").FullName;
        var name = "Ferry.Features" + Guid.NewGuid().ToString("N")[..8];
        FeatureAssemblyCompiler.Compile(name, Features, Path.Combine(_dir, name + ".dll"));
        File.WriteAllText(Path.Combine(_dir, "seed.sql"), Seed);
        File.WriteAllText(Path.Combine(_dir, "vessels.chalk.sql"), "-- resolves: Vessel\n-- source: ferry\nselect id, name, seats, tonnage, built, inspected from vessels\n");
        File.WriteAllText(Path.Combine(_dir, "chalk.json"), $$"""
            { "features": ["{{name}}"], "sources": { "ferry": { "kind": "duckdb", "path": "ferry.duckdb", "seed": "seed.sql" } }, "onlineStore": { "kind": "none" } }
            """);
    }

    [OneTimeTearDown]
    public void DeleteProject() => Directory.Delete(_dir, true);

    private string At(string file) => Path.Combine(_dir, file);

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.InProjectAsync(_dir, args);

    private static async Task<RecordBatch> ReadBackAsync(string sql)
    {
        await using var duckdb = new DuckDbSource("Data Source=:memory:");
        var result = await duckdb.QueryWithTablesAsync(sql, [], "test");
        return result.Batches.Single();
    }

    [TestCase("S", "\"null\"")]
    [TestCase("N", "null")]
    [TestCase("E", "\"\"")]
    [TestCase("Q", "\"say \\\"hi\\\", then\\nleave\"")]
    [TestCase("007", "Bond")]
    public async Task The_query_table_shows_a_null_and_the_string_null_apart(string id, string shown)
    {
        var (code, output, error) = await RunAsync("query", "--in", "vessel.id=" + id, "--out", "vessel.name");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var line = output.Split('\n').Single(l => l.StartsWith("vessel.name", StringComparison.Ordinal));
        Assert.That(line, Does.Match($@"^vessel\.name\s+{System.Text.RegularExpressions.Regex.Escape(shown)}\s+resolver"));
    }

    [Test]
    public async Task The_batch_table_shows_a_null_and_the_string_null_apart()
    {
        File.WriteAllText(At("nulls.csv"), "vessel.id\nS\nN\nE\n007\n");
        var (code, output, error) = await RunAsync("query", "--input", At("nulls.csv"), "--out", "vessel.name");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var names = output.Split('\n').Skip(1).Take(4).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[^1].Trim()).ToList();
        Assert.That(names, Is.EqualTo(new[] { "\"null\"", "null", "\"\"", "Bond" }), output);
    }

    [Test]
    public async Task A_csv_key_with_leading_zeros_is_the_text_as_written_not_a_number()
    {
        File.WriteAllText(At("keys.csv"), "vessel.id\n007\n7\n");
        var (code, output, error) = await RunAsync("query", "--input", At("keys.csv"), "--out", "vessel.name", "--format", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("vessel.id").GetString()), Is.EqualTo(new[] { "007", "7" }));
        Assert.That(rows.Select(r => r.GetProperty("vessel.name").GetString()), Is.EqualTo(new[] { "Bond", "seven" }));
    }

    [Test]
    public async Task Csv_output_keeps_empty_strings_apart_from_nulls_and_goes_round_through_a_csv_reader()
    {
        File.WriteAllText(At("names.csv"), "vessel.id\nE\nN\nQ\n007\n");
        var (code, _, error) = await RunAsync("query", "--input", At("names.csv"), "--out", "vessel.name", "--out", "vessel.label", "--output", At("names-out.csv"));
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var back = await ReadBackAsync(
            $"select \"vessel.id\", \"vessel.name\", \"vessel.label\" from read_csv('{At("names-out.csv")}', header = true, all_varchar = true, allow_quoted_nulls = false)");
        var ids = (StringArray)back.Column(0);
        var names = (StringArray)back.Column(1);
        var labels = (StringArray)back.Column(2);
        Assert.That(Enumerable.Range(0, back.Length).Select(r => ids.GetString(r)), Is.EqualTo(new[] { "E", "N", "Q", "007" }));
        Assert.That(names.GetString(0), Is.EqualTo(""), "an empty name is an empty string");
        Assert.That(names.IsNull(1), Is.True, "a null name is null");
        Assert.That(names.GetString(2), Is.EqualTo("say \"hi\", then\nleave"));
        Assert.That(labels.GetString(2), Is.EqualTo("Q/say \"hi\", then\nleave"));
        Assert.That(labels.GetString(0), Is.EqualTo("E/"));
    }

    [Test]
    public async Task Json_output_keeps_big_integers_exact_nan_and_infinities_as_strings_and_times_before_1970()
    {
        File.WriteAllText(At("numbers.csv"), "vessel.id\n7\nN\nQ\n007\n");
        var (code, output, error) = await RunAsync("query", "--input", At("numbers.csv"), "--out", "vessel.seats", "--out", "vessel.tonnage", "--out", "vessel.built", "--format", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.That(rows[0].GetProperty("vessel.seats").GetRawText(), Is.EqualTo("9007199254740993"));
        Assert.That(rows[0].GetProperty("vessel.tonnage").GetString(), Is.EqualTo("NaN"));
        Assert.That(rows[0].GetProperty("vessel.built").GetString(), Is.EqualTo("1969-12-31T23:59:59.9999990"));
        Assert.That(rows[1].GetProperty("vessel.tonnage").GetString(), Is.EqualTo("Infinity"));
        Assert.That(rows[2].GetProperty("vessel.tonnage").GetString(), Is.EqualTo("-Infinity"));
        Assert.That(rows[2].GetProperty("vessel.built").GetString(), Is.EqualTo("1900-01-01T00:00:00.0000000"));
        Assert.That(rows[3].GetProperty("vessel.tonnage").GetDouble(), Is.EqualTo(1.5));
    }

    [Test]
    public async Task Parquet_output_keeps_every_value_as_computed()
    {
        File.WriteAllText(At("all.csv"), "vessel.id\n007\n7\nE\nN\nQ\n\"\"\n");
        var (code, _, error) = await RunAsync("query", "--input", At("all.csv"), "--out", "vessel.name", "--out", "vessel.seats", "--out", "vessel.tonnage", "--out", "vessel.built",
            "--output", At("all.parquet"));
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var back = await ReadBackAsync($"select * from read_parquet('{At("all.parquet")}')");
        var ids = (StringArray)back.Column(0);
        var names = (StringArray)back.Column(1);
        var seats = (Int64Array)back.Column(2);
        var tonnage = (DoubleArray)back.Column(3);
        var built = (TimestampArray)back.Column(4);
        Assert.That(Enumerable.Range(0, back.Length).Select(r => ids.GetString(r)), Is.EqualTo(new[] { "007", "7", "E", "N", "Q", "" }));
        Assert.That(names.GetString(0), Is.EqualTo("Bond"));
        Assert.That(names.GetString(2), Is.EqualTo(""));
        Assert.That(names.IsNull(3), Is.True);
        Assert.That(names.GetString(5), Is.EqualTo("nameless key"));
        Assert.That(seats.GetValue(1), Is.EqualTo(9_007_199_254_740_993L));
        Assert.That(double.IsNaN(tonnage.GetValue(1)!.Value), Is.True);
        Assert.That(tonnage.IsNull(2), Is.True);
        Assert.That(built.GetTimestamp(1)!.Value.UtcDateTime, Is.EqualTo(new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(9_999_990)));
    }

    [TestCase("bad-seats.csv", "vessel.id,vessel.seats\n007,1.5\n", "vessel.seats", "1.5")]
    [TestCase("bad-seats2.csv", "vessel.id,vessel.seats\n007,3\n7,1e3\n", "vessel.seats", "1e3")]
    [TestCase("bad-tonnage.csv", "vessel.id,vessel.tonnage\n007,heavy\n", "vessel.tonnage", "heavy")]
    public async Task A_csv_value_that_does_not_fit_its_feature_is_a_usage_error_naming_the_column_not_a_changed_value(string file, string text, string column, string value)
    {
        File.WriteAllText(At(file), text);
        var (code, output, error) = await RunAsync("query", "--input", At(file), "--out", "vessel.label");
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), output);
        Assert.That(error, Does.StartWith("error: ").And.Contain(column).And.Contain($"'{value}'"));
    }

    [TestCase("select '007' as \"vessel.id\", 2.5::double as \"vessel.seats\"", "vessel.seats", "2.5")]
    [TestCase("select '007' as \"vessel.id\", 9007199254740993::bigint as \"vessel.tonnage\"", "vessel.tonnage", "9007199254740993")]
    [TestCase("select '007' as \"vessel.id\", 1.25::decimal(9,2) as \"vessel.seats\"", "vessel.seats", "1.25")]
    public async Task A_parquet_column_that_would_change_a_value_when_cast_is_a_usage_error(string select, string column, string value)
    {
        var file = At($"bad-{Guid.NewGuid():N}.parquet");
        await using (var duckdb = new DuckDbSource("Data Source=:memory:"))
        {
            using var _ = await duckdb.QueryWithTablesAsync($"copy ({select}) to '{file}' (format parquet)", [], "test");
        }
        var (code, output, error) = await RunAsync("query", "--input", file, "--out", "vessel.label");
        Assert.That(code, Is.EqualTo(ExitCodes.Usage), output);
        Assert.That(error, Does.StartWith("error: ").And.Contain(column).And.Contain($"'{value}'"));
    }

    [Test]
    public async Task Parquet_columns_that_cast_exactly_are_read_and_csv_keys_are_the_text_as_written()
    {
        var file = At("fits.parquet");
        await using (var duckdb = new DuckDbSource("Data Source=:memory:"))
        {
            using var _ = await duckdb.QueryWithTablesAsync(
                $"copy (select 7::integer as \"vessel.id\", 2.0::double as \"vessel.seats\", 3::integer as \"vessel.tonnage\") to '{file}' (format parquet)", [], "test");
        }
        var (code, output, error) = await RunAsync("query", "--input", file, "--out", "vessel.label", "--out", "vessel.name", "--format", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using (var doc = JsonDocument.Parse(output))
        {
            var row = doc.RootElement.EnumerateArray().Single();
            Assert.That(row.GetProperty("vessel.id").GetString(), Is.EqualTo("7"));
            Assert.That(row.GetProperty("vessel.seats").GetRawText(), Is.EqualTo("2"));
            Assert.That(row.GetProperty("vessel.name").GetString(), Is.EqualTo("seven"));
        }

        File.WriteAllText(At("texty.csv"), "vessel.id\n1e3\n007\n");
        (code, output, error) = await RunAsync("query", "--input", At("texty.csv"), "--out", "vessel.label", "--format", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.That(doc.RootElement.EnumerateArray().Select(r => r.GetProperty("vessel.id").GetString()), Is.EqualTo(new[] { "1e3", "007" }));
            Assert.That(doc.RootElement.EnumerateArray().Select(r => r.GetProperty("vessel.label").ValueKind), Is.EqualTo(new[] { JsonValueKind.Null, JsonValueKind.String }));
        }
    }

    [Test]
    public async Task A_file_with_only_a_header_or_nothing_at_all_is_a_usage_error()
    {
        File.WriteAllText(At("header.csv"), "vessel.id\n");
        File.WriteAllText(At("empty.csv"), "");
        foreach (var file in new[] { "header.csv", "empty.csv" })
        {
            var (code, _, error) = await RunAsync("query", "--input", At(file), "--out", "vessel.name");
            Assert.That(code, Is.EqualTo(ExitCodes.Usage), file + ": " + error);
            Assert.That(error, Does.StartWith("error: ").And.Contain(file), file);
        }
    }

    [Test]
    public async Task An_as_of_column_mixing_offsets_and_plain_times_takes_each_as_written()
    {
        File.WriteAllText(At("mixed.csv"), "vessel.id,at\n007,2026-01-01T02:00:00+02:00\n7,2026-01-01 00:00:00\n");
        var (code, output, error) = await RunAsync("query", "--input", At("mixed.csv"), "--as-of", "at", "--out", "vessel.name", "--format", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.That(rows[0].GetProperty("at").GetString(), Is.EqualTo("2026-01-01T00:00:00.0000000"));
        Assert.That(rows[1].GetProperty("at").GetString(), Is.EqualTo("2026-01-01T00:00:00.0000000"));
    }

    [Test]
    public async Task Times_without_an_offset_are_utc_whatever_the_machines_zone()
    {
        File.WriteAllText(At("zoned.csv"), "vessel.id,vessel.inspected,at\n007,2026-01-01 00:00:00,2026-01-01 00:00:00\n7,2026-01-01T02:00:00+02:00,2026-01-01 00:00:00\n");
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TZ"] = "America/New_York";
        foreach (var a in new[] { typeof(CliApp).Assembly.Location, "query", "--input", At("zoned.csv"), "--as-of", "at", "--out", "vessel.name", "--format", "json", "--project", _dir })
            start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Success), await error);
        using var doc = JsonDocument.Parse(await output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.That(rows[0].GetProperty("vessel.inspected").GetString(), Is.EqualTo("2026-01-01T00:00:00.0000000Z"), "no offset: UTC");
        Assert.That(rows[1].GetProperty("vessel.inspected").GetString(), Is.EqualTo("2026-01-01T00:00:00.0000000Z"), "+02:00: that instant");
        Assert.That(rows[0].GetProperty("at").GetString(), Is.EqualTo("2026-01-01T00:00:00.0000000"));
    }

    [Test]
    public async Task An_as_of_with_an_offset_is_the_instant_it_names()
    {
        File.WriteAllText(At("times.csv"), "vessel.id,at\n007,2026-01-01T02:00:00+02:00\n7,1960-06-01T00:00:00-05:00\n");
        var (code, output, error) = await RunAsync("query", "--input", At("times.csv"), "--as-of", "at", "--out", "vessel.name", "--format", "json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.That(rows[0].GetProperty("at").GetString(), Is.EqualTo("2026-01-01T00:00:00.0000000"));
        Assert.That(rows[1].GetProperty("at").GetString(), Is.EqualTo("1960-06-01T05:00:00.0000000"));
    }
}
