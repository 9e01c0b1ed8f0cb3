using Chalk.Expressions;
using Chalk.Tests.Audit.PowerGrid;

namespace Chalk.Tests.Audit.Music;

/// <summary>Artists and tracks in point-in-time batches, on DuckDB (aggregates pushed down), SQLite (in the engine) and
/// both (tracks in one, their plays in the other),
/// lifted and per row, against the compiled C# over LINQ to objects on the rows visible at each row's time: windows at
/// their exact boundaries, tracks released after the time, nested aggregates, resolver-computed child features (one
/// throws), strings compared by the culture, overflowing sums, NaN and signed zeros.</summary>
[TestFixture("duckdb", true)]
[TestFixture("duckdb", false)]
[TestFixture("sqlite", true)]
[TestFixture("sqlite", false)]
[TestFixture("mixed", true)]
[TestFixture("mixed-plays-in-duckdb", true)]
[TestFixture("mixed-plays-in-duckdb", false)]
public sealed class MusicBatchTests(string store, bool lifting) : MusicEngineFixture(store, lifting)
{
    private static readonly string[] MissingArtists = ["a-404", "A-1 ", "a-1  ", " a-1", "cafe", "CAF\u00c9", "a-\U0001F3B9", "a", "a-1\0"];
    private static readonly long?[] MissingTracks = [0, -2, 999, long.MaxValue - 2, long.MinValue + 1, 9_007_199_254_740_993, null];

    private static IEnumerable<string?> AllArtists => MusicData.Artists.Select(a => a.Id).Concat(MissingArtists).Append(null);
    private static IEnumerable<long?> AllTracks => MusicData.Tracks.Select(t => (long?)t.Id).Concat(MissingTracks);

    /// <summary>Times on the boundaries the data holds: each release and play, and an hour, a day and a week after it,
    /// each exactly, a microsecond before and a microsecond after.</summary>
    private static DateTime[] BoundaryTimes(IEnumerable<DateTime?> events) =>
        events.OfType<DateTime>()
            .SelectMany(t => new[] { t, t + TimeSpan.FromHours(1), t + TimeSpan.FromDays(1), t + TimeSpan.FromDays(7) })
            .SelectMany(t => new[] { t, t - MusicData.Micro, t + MusicData.Micro })
            .Append(MusicData.Now).Distinct().OrderBy(t => t).ToArray();

    [Test]
    public async Task Every_artist_now_answers_what_linq_answers()
        => await CheckArtistsAsync(AllArtists.Concat(["a-1", null, "a-1", "A-1"]).Select(k => (k, MusicData.Now)).ToArray());

    [Test]
    public async Task Artists_at_every_release_and_window_boundary_answer_what_linq_answers()
    {
        var times = BoundaryTimes(MusicData.Tracks.Select(t => t.ReleasedAt));
        string?[] keys = ["a-2", "a-1", "A-1", "", "a-nan", "a-big", "a-quiet", "caf\u00e9", "a-404"];
        var rows = new List<(string?, DateTime)>();
        for (int i = 0; i < times.Length; i++) rows.Add((keys[i % keys.Length], times[i]));
        foreach (var t in times.Where(t => Math.Abs((t - MusicData.Now).TotalDays) < 8)) rows.Add(("a-2", t));
        await CheckArtistsAsync(rows);
    }

    [Test]
    public async Task Artists_at_play_boundaries_see_the_one_hour_window_open_at_its_start()
    {
        var times = BoundaryTimes(MusicData.Plays.Where(p => p.Id < 100 || p.Id % 37 == 0).Select(p => p.PlayedAt));
        string?[] keys = ["a-2", "a-nan", "a-1", "A-1", "a-1 ", "", "a-\U0001F3B8", "cafe\u0301"];
        await CheckArtistsAsync(times.SelectMany((t, i) => new[] { (keys[i % keys.Length], t), ("a-2", t) }).ToArray());
    }

    [Test]
    public async Task Every_track_now_answers_what_linq_answers()
        => await CheckTracksAsync(AllTracks.Concat([7, 7, null, 1]).Select(k => (k, MusicData.Now)).ToArray());

    [Test]
    public async Task Tracks_at_every_play_boundary_answer_what_linq_answers()
    {
        var boundaryRows = MusicData.Plays.Where(p => p.TrackId is not null && (p.Id < 100 || p.Id % 11 == 0)).ToArray();
        var rows = new List<(long?, DateTime)>();
        foreach (var p in boundaryRows)
            foreach (var t in BoundaryTimes([p.PlayedAt]))
                rows.Add((p.TrackId, t));
        await CheckTracksAsync(rows);
    }

    [Test]
    public async Task Batches_of_three_rows_at_play_boundaries_take_the_few_keys_path_and_answer_the_same()
    {
        var times = BoundaryTimes(MusicData.Plays.Where(p => p.Id < 30).Select(p => p.PlayedAt));
        string?[] artists = ["a-2", "a-nan", "a-loud"];
        long?[] tracks = [7, 8, 3, long.MaxValue];
        foreach (var chunk in times.Chunk(3))
        {
            await CheckArtistsAsync(chunk.Select((t, i) => (artists[i], t)).ToArray());
            await CheckTracksAsync(chunk.Select((t, i) => (tracks[i], t)).ToArray());
        }
    }

    [Test]
    public async Task Batches_of_one_two_eight_nine_and_a_few_thousand_rows_answer_the_same()
    {
        var all = AllArtists.ToArray();
        var times = BoundaryTimes(MusicData.Tracks.Select(t => t.ReleasedAt));
        var rows = Enumerable.Range(0, 3000).Select(i => (all[(i * 7) % all.Length], times[(i * 13) % times.Length])).ToArray();
        foreach (int n in new[] { 1, 2, 8, 9, 257 }) await CheckArtistsAsync(rows.Skip(n).Take(n).ToArray());
        await CheckArtistsAsync(rows);
        var tracks = AllTracks.ToArray();
        await CheckTracksAsync(Enumerable.Range(0, 2500).Select(i => (tracks[(i * 5) % tracks.Length], MusicData.Now - TimeSpan.FromMinutes(i * 7 % 20000))).ToArray());
    }

    [Test]
    public async Task An_empty_batch_gives_empty_columns_for_every_output()
    {
        var result = await Engine.QueryBatchDetailedAsync(MusicEngines.ArtistInputs([]), MusicOracle.ArtistFeatures, asOf: "at");
        Assert.That(result.Table.Length, Is.EqualTo(0));
        Assert.That(result.Table.Schema.FieldsList.Select(f => f.Name), Is.EqualTo(MusicOracle.ArtistFeatures));
        Assert.That(result.Errors, Is.Empty);
    }

    private async Task CheckArtistsAsync(IReadOnlyList<(string? Key, DateTime At)> rows)
    {
        var result = await Engine.QueryBatchDetailedAsync(MusicEngines.ArtistInputs(rows), MusicOracle.ArtistFeatures, asOf: "at");
        Check(result, rows.Select(r => ((object?)r.Key, r.At, MusicOracle.Expected(MusicOracle.ArtistOutputs, MusicOracle.Artist(r.Key, r.At, Music.Sqlite), r.At, !Lifting))).ToArray(),
            MusicOracle.ArtistFeatures, "music_artist");
    }

    private async Task CheckTracksAsync(IReadOnlyList<(long? Key, DateTime At)> rows)
    {
        var result = await Engine.QueryBatchDetailedAsync(MusicEngines.TrackInputs(rows), MusicOracle.TrackFeatures, asOf: "at");
        Check(result, rows.Select(r => ((object?)r.Key, r.At, MusicOracle.Expected(MusicOracle.TrackOutputs, MusicOracle.Track(r.Key, r.At, Music.Sqlite), r.At, !Lifting))).ToArray(),
            MusicOracle.TrackFeatures, "music_track");
    }

    private void Check(BatchResult result, IReadOnlyList<(object? Key, DateTime At, Dictionary<string, object?> Expected)> rows, IReadOnlyList<string> features, string root)
    {
        Assert.That(result.Table.Length, Is.EqualTo(rows.Count));
        var problems = new List<string>();
        var byRow = result.Errors.ToLookup(e => e.Row);
        var missing = result.MissingRows.Where(m => m.Path == root).Select(m => m.Row).ToHashSet();
        for (int row = 0; row < rows.Count; row++)
        {
            var (key, at, expected) = rows[row];
            var errors = byRow[row].ToList();
            var rowErrors = errors.Select(e => $"{e.Feature}: {e.Message}").ToList();
            for (int c = 0; c < features.Count; c++)
            {
                var featureErrors = errors.Where(e => e.Feature == features[c]).Select(e => e.Message).ToList();
                MusicOracle.Compare(problems, $"row {row} {GridOracle.Show(key)} at {at:O} {features[c]}", expected[features[c]],
                    ArrowValues.Get(result.Table.Column(c), row), featureErrors, rowErrors);
            }
            bool exists = expected[features[0]] is not null;
            bool reported = missing.Contains(row);
            if (reported == exists) problems.Add($"row {row} {GridOracle.Show(key)}: reported missing {reported}");
        }
        Assert.That(problems.Take(40), Is.Empty, $"{Store}, lifting {Lifting}: {problems.Count} problems");
    }
}
