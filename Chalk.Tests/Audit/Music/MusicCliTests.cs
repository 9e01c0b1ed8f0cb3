using System.Text;
using System.Text.Json;
using Chalk.Cli;
using Chalk.Tests.Audit.PowerGrid;
using Chalk.Tests.Cli;

namespace Chalk.Tests.Audit.Music;

/// <summary><c>chalk query --input keys.csv --as-of as_of</c> on a project built from the same feature classes (compiled
/// from <c>MusicFeatures.cs</c>) over the same rows in a DuckDB file: each row answers what LINQ answers at its time,
/// with keys written as in the file (quoted empty vs. empty, trailing spaces, emoji, decomposed accents).</summary>
public sealed class MusicCliTests
{
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task CreateProject()
        => _dir = await AuditCliProject.CreateAsync("music", "MusicFeatures.cs", "music", MusicData.Sql("music", "music"),
            async path => { await using var db = await MusicData.DuckDbAsync(path); });

    [OneTimeTearDown]
    public void DeleteProject() => Directory.Delete(_dir, true);

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.InProjectAsync(_dir, args);

    [Test]
    public async Task A_csv_of_artist_keys_and_times_answers_each_row_as_linq_does_at_its_time()
    {
        // (as written in the file, the key it means, the time)
        (string Field, string? Key, DateTime At)[] rows =
        [
            ("a-1", "a-1", MusicData.Now), ("\"a-1 \"", "a-1 ", MusicData.Now), ("a-1 ", "a-1 ", MusicData.Now), (" a-1", " a-1", MusicData.Now), ("A-1", "A-1", MusicData.Now - TimeSpan.FromDays(3)),
            ("\"\"", "", MusicData.Now), ("", null, MusicData.Now), ("a-\U0001F3B8", "a-\U0001F3B8", MusicData.Now),
            ("cafe\u0301", "cafe\u0301", MusicData.Now), ("a-2", "a-2", MusicData.Now - TimeSpan.FromDays(1)),
            ("a-2", "a-2", MusicData.Now - TimeSpan.FromDays(1) - MusicData.Micro), ("a-nan", "a-nan", MusicData.Now),
            ("a-big", "a-big", MusicData.Now), ("a-loud", "a-loud", MusicData.Now - TimeSpan.FromHours(4)), ("a-404", "a-404", MusicData.Now),
        ];
        var csv = new StringBuilder("music_artist.id,as_of\n");
        foreach (var (field, _, at) in rows) csv.Append(field).Append(',').Append(at.ToString("yyyy-MM-dd HH:mm:ss.ffffff")).Append('\n');
        File.WriteAllText(Path.Combine(_dir, "artists.csv"), csv.ToString(), new UTF8Encoding(false));
        string[] outputs = ["music_artist.name", "music_artist.track_count", "music_artist.first_title", "music_artist.distinct_genres", "music_artist.total_plays",
            "music_artist.total_seconds", "music_artist.loudest_gain", "music_artist.total_royalty", "music_artist.recent_releases[1d]", "music_artist.recent_plays[1h]"];
        var (code, output, error) = await RunAsync(["query", "--input", Path.Combine(_dir, "artists.csv"), "--as-of", "as_of", .. outputs.SelectMany(o => new[] { "--out", o }), "--format", "json"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
        using var doc = JsonDocument.Parse(output);
        var answers = doc.RootElement.EnumerateArray().ToList();
        Assert.That(answers, Has.Count.EqualTo(rows.Length));
        var problems = new List<string>();
        for (int r = 0; r < rows.Length; r++)
        {
            var (_, key, at) = rows[r];
            var id = answers[r].GetProperty("music_artist.id");
            if (key is null ? id.ValueKind != JsonValueKind.Null : id.GetString() != key) problems.Add($"row {r}: the key read back is {id.GetRawText()}");
            var expected = MusicOracle.Expected(MusicOracle.ArtistOutputs, MusicOracle.Artist(key, at, sqlite: false), at);
            foreach (var feature in outputs)
            {
                var want = expected[feature] is Fails ? null : expected[feature];
                var got = Read(answers[r].GetProperty(feature), want);
                if (!GridOracle.Agree(want, got)) problems.Add($"row {r} {GridOracle.Show(key)} {feature}: expected {GridOracle.Show(want)}, got {answers[r].GetProperty(feature).GetRawText()}");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    // A JSON value as the type the oracle gives (NaN and infinities are strings in the CLI's JSON).
    private static object? Read(JsonElement e, object? like) => e.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when like is double => double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True or JsonValueKind.False => e.GetBoolean(),
        JsonValueKind.Number when like is long => e.GetInt64(),
        JsonValueKind.Number when like is int => e.GetInt32(),
        JsonValueKind.Number => e.GetDouble(),
        _ => e.GetRawText(),
    };
}
