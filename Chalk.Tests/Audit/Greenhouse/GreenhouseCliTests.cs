using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Chalk.Cli;
using Chalk.Tests.Audit.PowerGrid;
using Chalk.Tests.Cli;

namespace Chalk.Tests.Audit.Greenhouse;

/// <summary><c>chalk query</c> on a project compiled from <c>GreenhouseFeatures.cs</c> over the same rows in a DuckDB
/// file: serials and models that need quoting (empty, the text <c>null</c>, blanks at either end, tabs, NUL, C1 controls,
/// Unicode blanks, emoji) print as documented in the table, and go through JSON and CSV exactly.</summary>
public sealed class GreenhouseCliTests
{
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task CreateProject()
        => _dir = await AuditCliProject.CreateAsync("greenhouse", "GreenhouseFeatures.cs", "gh", GreenhouseData.Sql("gh"),
            async path => { await using var db = await GreenhouseData.DuckDbAsync(path); });

    [OneTimeTearDown]
    public void DeleteProject() => Directory.Delete(_dir, true);

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.InProjectAsync(_dir, args);

    private static readonly string[] StringOutputs = ["gh_sensor.serial", "gh_sensor.model", "gh_sensor.trimmed_serial", "gh_sensor.upper_model", "gh_sensor.tag"];

    private static string? Expected(SensorRow row, string feature)
    {
        var s = GreenhouseOracle.Sensor(row.Id, GreenhouseData.Now, sqlite: false)!;
        return feature switch
        {
            "gh_sensor.serial" => s.Serial,
            "gh_sensor.model" => s.Model,
            "gh_sensor.trimmed_serial" => s.TrimmedSerial,
            "gh_sensor.upper_model" => s.UpperModel,
            _ => s.Tag,
        };
    }

    // The documented table form: null as null; a string as written unless it is empty, the text null, has a blank at
    // either end, holds a control character or starts with a quote. Null when the docs leave the form open (a Unicode
    // blank other than a space or tab at an end, a line or paragraph separator), which the test then only round-trips.
    private static string? Shown(string? value)
    {
        if (value is null) return "null";
        bool unclear = value.Any(c => c is '\u2028' or '\u2029') || value.Length > 0 &&
            (char.IsWhiteSpace(value[0]) && value[0] is not (' ' or '\t' or '\n') || char.IsWhiteSpace(value[^1]) && value[^1] is not (' ' or '\t' or '\n'));
        if (unclear && !value.Any(char.IsControl)) return null;
        bool quote = value.Length == 0 || value == "null" || value[0] is ' ' or '\t' || value[^1] is ' ' or '\t' || value.Any(char.IsControl) || value[0] == '"';
        if (!quote) return value;
        var b = new StringBuilder("\"");
        foreach (var c in value)
            b.Append(c switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        return b.Append('"').ToString();
    }

    private static string Unquote(string shown)
    {
        if (shown.Length < 2 || shown[0] != '"' || shown[^1] != '"') return shown;
        var b = new StringBuilder();
        for (int i = 1; i < shown.Length - 1; i++)
        {
            if (shown[i] != '\\') { b.Append(shown[i]); continue; }
            char e = shown[++i];
            if (e == 'u') { b.Append((char)Convert.ToInt32(shown.Substring(i + 1, 4), 16)); i += 4; }
            else b.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => e });
        }
        return b.ToString();
    }

    [Test]
    public async Task The_query_table_quotes_each_string_that_needs_it_as_documented()
    {
        var problems = new List<string>();
        foreach (var row in GreenhouseData.Sensors.Take(GreenhouseData.Models.Length))
        {
            var (code, output, error) = await RunAsync(["query", "--in", $"gh_sensor.id={row.Id}", .. StringOutputs.SelectMany(o => new[] { "--out", o })]);
            Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
            var lines = output.Split('\n');
            foreach (var feature in StringOutputs)
            {
                var line = lines.SingleOrDefault(l => l.StartsWith(feature + " ", StringComparison.Ordinal));
                if (line is null || !line.TrimEnd().EndsWith("resolver", StringComparison.Ordinal)) { problems.Add($"sensor {row.Id} {feature}: no line in [{output}]"); continue; }
                var shown = line[feature.Length..line.TrimEnd().LastIndexOf("resolver", StringComparison.Ordinal)].Trim(' ');
                var value = Expected(row, feature);
                var want = Shown(value);
                if (want is not null ? shown != want : Unquote(shown) != value)
                    problems.Add($"sensor {row.Id} {feature}: value {GridOracle.Show(value)} shown as {GridOracle.Show(shown)}, expected {GridOracle.Show(want ?? "(its text, quoted or not)")}");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task Json_and_csv_batch_output_keep_every_string_exactly()
    {
        var rows = GreenhouseData.Sensors.Take(GreenhouseData.Models.Length).ToArray();
        File.WriteAllText(Path.Combine(_dir, "sensors.csv"), "gh_sensor.id\n" + string.Concat(rows.Select(r => r.Id + "\n")), new UTF8Encoding(false));
        string[] outs = [.. StringOutputs.SelectMany(o => new[] { "--out", o })];
        var (code, output, error) = await RunAsync(["query", "--input", Path.Combine(_dir, "sensors.csv"), .. outs, "--format", "json"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
        using var doc = JsonDocument.Parse(output);
        var answers = doc.RootElement.EnumerateArray().ToList();
        Assert.That(answers, Has.Count.EqualTo(rows.Length));
        var problems = new List<string>();
        for (int r = 0; r < rows.Length; r++)
            foreach (var feature in StringOutputs)
            {
                var got = answers[r].GetProperty(feature);
                var want = Expected(rows[r], feature);
                if (want is null ? got.ValueKind != JsonValueKind.Null : got.ValueKind != JsonValueKind.String || got.GetString() != want)
                    problems.Add($"json sensor {rows[r].Id} {feature}: expected {GridOracle.Show(want)}, got {got.GetRawText()}");
            }

        var csv = Path.Combine(_dir, "sensors-out.csv");
        (code, output, error) = await RunAsync(["query", "--input", Path.Combine(_dir, "sensors.csv"), .. outs, "--output", csv]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
        await using var duck = new Chalk.Sql.Sources.DuckDbSource("Data Source=:memory:");
        var columns = string.Join(", ", StringOutputs.Select(o => $"\"{o}\""));
        var result = await duck.QueryWithTablesAsync($"select {columns} from read_csv('{csv}', header = true, all_varchar = true, allow_quoted_nulls = false)", [], "read back");
        var back = result.Batches.Single();
        Assert.That(back.Length, Is.EqualTo(rows.Length));
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < StringOutputs.Length; c++)
            {
                var col = (StringArray)back.Column(c);
                var got = col.IsNull(r) ? null : col.GetString(r);
                var want = Expected(rows[r], StringOutputs[c]);
                if (got != want) problems.Add($"csv sensor {rows[r].Id} {StringOutputs[c]}: expected {GridOracle.Show(want)}, got {GridOracle.Show(got)}");
            }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_reading_whose_sensor_is_missing_exits_zero_and_lists_the_missing_link_and_a_missing_reading_exits_four()
    {
        var dangling = GreenhouseData.Readings.First(r => r.SensorId == 5000);
        var (code, output, error) = await RunAsync("query", "--in", $"gh_reading.id={dangling.Id}", "--out", "gh_reading.sensor.bay.site.name", "--out", "gh_reading.note", "--json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.That(doc.RootElement.GetProperty("values").GetProperty("gh_reading.sensor.bay.site.name").ValueKind, Is.EqualTo(JsonValueKind.Null));
            var note = doc.RootElement.GetProperty("values").GetProperty("gh_reading.note");
            Assert.That(dangling.Note is null ? note.ValueKind == JsonValueKind.Null : note.GetString() == dangling.Note, Is.True, note.GetRawText());
            Assert.That(doc.RootElement.GetProperty("missing").GetRawText(), Does.Contain("gh_reading.sensor").And.Contain("5000"));
        }
        (code, output, error) = await RunAsync("query", "--in", "gh_reading.id=999", "--out", "gh_reading.note");
        Assert.That(code, Is.EqualTo(4), error + output);
        Assert.That(output, Does.Contain("missing: gh_reading: no row for gh_reading.id = 999"));
    }
}
