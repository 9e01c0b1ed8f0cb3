using Chalk.Expressions;
using Chalk.DataAnalysis;
using Chalk.Tests.Audit.PowerGrid;
using Microsoft.Data.Analysis;
using AnalysisFrame = Microsoft.Data.Analysis.DataFrame;

namespace Chalk.Tests.Audit.Music;

/// <summary>The service online (one key: DuckDB's few-keys path), through DataFrames and the typed API, at query times
/// whose window would start before <see cref="DateTime.MinValue"/>, and with a throwing child feature read by <c>Any</c>.</summary>
[TestFixture("duckdb", true)]
[TestFixture("duckdb", false)]
[TestFixture("sqlite", true)]
[TestFixture("sqlite", false)]
public sealed class MusicEdgeTests(string store, bool lifting) : MusicEngineFixture(store, lifting)
{
    [Test]
    public void The_plan_says_which_aggregates_run_where()
    {
        var plan = Engine.Explain(["music_artist.id"], ["music_artist.total_royalty", "music_artist.total_plays", "music_artist.total_minutes", "music_artist.first_title"]);
        if (!Lifting) { Assert.That(plan, Does.Contain("Fallback MusicArtist.TotalRoyalty")); return; }
        Assert.That(plan, Does.Contain("Aggregate music_artist.tracks in engine over Arrow: sum(tracks, col(\"music_track.royalty\"))"));
        Assert.That(plan, Does.Contain("Fallback MusicArtist.FirstTitle per row").And.Contain("(culture-sensitive comparison)"));
        if (Store == "duckdb")
        {
            Assert.That(plan, Does.Contain("(not pushed down: it reads music_track.royalty"), "the royalty resolver can throw: computed in the engine");
            Assert.That(plan, Does.Contain("Aggregate pushed down into music1.chalk.sql: sum(tracks, coalesce(col(\"music_track.minutes\"), lit(0.0))) with music_track.minutes = MusicResolvers.Minutes inlined"));
            Assert.That(plan, Does.Contain("Aggregate pushed down into music2.chalk.sql: count(plays)"), "the inner aggregate of the nested sum");
        }
    }

    [Test]
    public async Task An_online_query_for_each_artist_answers_what_linq_answers_now()
    {
        var problems = new List<string>();
        foreach (var key in MusicData.Artists.Select(a => (string?)a.Id).Concat(["a-404", "A-1 ", null]))
        {
            var result = await Engine.QueryAsync(new Dictionary<string, object?> { ["music_artist.id"] = key }, MusicOracle.ArtistFeatures);
            var artist = MusicOracle.Artist(key, MusicData.Now, Music.Sqlite);
            var expected = MusicOracle.Expected(MusicOracle.ArtistOutputs, artist, MusicData.Now, !Lifting);
            var rowErrors = result.Errors.Select(e => $"{e.Feature}: {e.Message}").ToList();
            foreach (var (feature, want) in expected)
                MusicOracle.Compare(problems, $"{GridOracle.Show(key)} {feature}", want, result[feature],
                    result.Errors.Where(e => e.Feature == feature).Select(e => e.Message).ToList(), rowErrors);
            if (result.Found != (artist is not null)) problems.Add($"{GridOracle.Show(key)}: Found is {result.Found}");
        }
        Assert.That(problems, Is.Empty, $"{Store}, lifting {Lifting}");
    }

    [Test]
    public async Task An_online_query_for_each_track_answers_what_linq_answers_now()
    {
        var problems = new List<string>();
        foreach (var key in MusicData.Tracks.Select(t => (long?)t.Id).Concat([0L, long.MaxValue]))
        {
            var result = await Engine.QueryAsync(new Dictionary<string, object?> { ["music_track.id"] = key }, MusicOracle.TrackFeatures);
            var expected = MusicOracle.Expected(MusicOracle.TrackOutputs, MusicOracle.Track(key, MusicData.Now, Music.Sqlite), MusicData.Now, !Lifting);
            var rowErrors = result.Errors.Select(e => $"{e.Feature}: {e.Message}").ToList();
            foreach (var (feature, want) in expected)
                MusicOracle.Compare(problems, $"{key} {feature}", want, result[feature], result.Errors.Where(e => e.Feature == feature).Select(e => e.Message).ToList(), rowErrors);
        }
        Assert.That(problems, Is.Empty, $"{Store}, lifting {Lifting}");
    }

    [Test]
    public async Task A_key_with_a_lone_surrogate_is_refused_not_answered_with_the_row_of_the_replacement_character()
    {
        // UTF-8 cannot encode U+D83C alone: encoded, "a-\uD83C" becomes "a-\uFFFD", another artist's key.
        const string lone = "a-\uD83C";
        var online = await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync(new Dictionary<string, object?> { ["music_artist.id"] = lone }, ["music_artist.name"]));
        Assert.That(online!.Message, Does.Contain("music_artist.id").And.Contain("U+D83C"));
        await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync<MusicArtist>(new { Id = lone }, ["music_artist.name"]));
        var frame = new AnalysisFrame(new StringDataFrameColumn("music_artist.id", ["a-1", lone]));
        await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync(frame, ["music_artist.name"]));
        var own = await Engine.QueryAsync(new Dictionary<string, object?> { ["music_artist.id"] = "a-\uFFFD" }, ["music_artist.name"]);
        Assert.That(own["music_artist.name"], Is.EqualTo("replacement"));
        var pair = await Engine.QueryAsync(new Dictionary<string, object?> { ["music_artist.id"] = "a-\U0001F3B8" }, ["music_artist.id"]);
        Assert.That(pair["music_artist.id"], Is.EqualTo("a-\U0001F3B8"), "a surrogate pair is one character, and fine");
    }

    [Test]
    public async Task A_getter_over_plays_whose_score_failed_fails_naming_the_play_feature_and_its_cause()
    {
        var track = MusicData.Plays.First(p => p.Seconds == 0 && p.PlayedAt <= MusicData.Now && p.TrackId is not null).TrackId;
        var result = await Engine.QueryAsync(new Dictionary<string, object?> { ["music_track.id"] = track }, ["music_track.total_score", "music_track.play_count"]);
        Assert.That(result["music_track.total_score"], Is.Null);
        var error = result.Errors.Single(e => e.Feature == "music_track.total_score").Message;
        Assert.That(error, Does.Contain("a play of no seconds has no score"));
        // The per-row path builds the plays as objects; one whose score failed cannot be built, and the getter's error says so.
        if (!Lifting) Assert.That(error, Does.StartWith("MusicTrack.TotalScore threw InvalidOperationException: music_play.score failed on a row of music_track.plays: "));
        Assert.That(result["music_track.play_count"], Is.EqualTo(MusicOracle.Track(track, MusicData.Now, Music.Sqlite)!.PlayCount));
    }

    [Test]
    public async Task A_window_that_would_start_before_the_first_representable_time_fails_its_row_as_csharp_does()
    {
        var early = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) + TimeSpan.FromHours(2);
        string[] outputs = ["music_artist.track_count", "music_artist.recent_releases[1d]", "music_artist.recent_plays[1h]"];
        var result = await Engine.QueryBatchDetailedAsync(MusicEngines.ArtistInputs([("a-2", early), ("a-2", MusicData.Now)]), outputs, asOf: "at");
        Assert.That(ArrowValues.Get(result.Table.Column(0), 0), Is.EqualTo(0L), "no track is released by year 1");
        Assert.That(ArrowValues.Get(result.Table.Column(1), 0), Is.Null);
        Assert.That(result.Errors.Where(e => e.Row == 0).Select(e => e.Feature), Is.EquivalentTo(new[] { "music_artist.recent_releases[1d]" }),
            "w.Start is as-of minus a day, which C# cannot represent; an hour back from 02:00 is fine");
        var csharp = Assert.Throws<ArgumentOutOfRangeException>(() => new MusicArtist().RecentReleases(new Window(early - TimeSpan.FromDays(1), early)))!;
        Assert.That(result.Errors.Single(e => e.Row == 0).Message, Does.Contain(csharp.Message.Split(" (")[0]));
        Assert.That(ArrowValues.Get(result.Table.Column(2), 0), Is.EqualTo(0L));
        Assert.That(result.Errors.Where(e => e.Row == 1), Is.Empty);
    }

    [Test]
    public async Task A_dataframe_of_artist_keys_and_times_round_trips_with_empty_strings_kept_apart_from_null()
    {
        string?[] keys = ["", null, "a-1", "A-1", "a-1 ", "a-\U0001F3B8", "cafe\u0301", "a-4", "a-404", "a-2"];
        var times = keys.Select((_, i) => MusicData.Now - TimeSpan.FromHours(i * 13)).ToArray();
        var inputs = new AnalysisFrame(new StringDataFrameColumn("music_artist.id", keys), new PrimitiveDataFrameColumn<DateTime>("at", times));
        var outputs = MusicOracle.ArtistFeatures;
        var table = await Engine.QueryBatchAsync(inputs, outputs, asOf: "at");
        Assert.That(table.Rows.Count, Is.EqualTo(keys.Length));
        var problems = new List<string>();
        for (int r = 0; r < keys.Length; r++)
        {
            var expected = MusicOracle.Expected(MusicOracle.ArtistOutputs, MusicOracle.Artist(keys[r], times[r], Music.Sqlite), times[r], !Lifting);
            for (int c = 0; c < outputs.Count; c++)
                if (!GridOracle.Agree(expected[outputs[c]] is Fails ? null : expected[outputs[c]], table.Columns[c][r]))
                    problems.Add($"row {r} {GridOracle.Show(keys[r])} {outputs[c]}: expected {GridOracle.Show(expected[outputs[c]])}, got {GridOracle.Show(table.Columns[c][r])}");
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_dataframe_of_track_keys_answers_every_track_feature_with_nulls_where_linq_throws()
    {
        long?[] keys = [.. MusicData.Tracks.Select(t => (long?)t.Id), null, 404];
        var times = keys.Select((_, i) => MusicData.Now - TimeSpan.FromMinutes(i * 97)).ToArray();
        var inputs = new AnalysisFrame(new PrimitiveDataFrameColumn<long>("music_track.id", keys), new PrimitiveDataFrameColumn<DateTime>("at", times));
        var table = await Engine.QueryBatchAsync(inputs, MusicOracle.TrackFeatures, asOf: "at");
        var problems = new List<string>();
        for (int r = 0; r < keys.Length; r++)
        {
            var expected = MusicOracle.Expected(MusicOracle.TrackOutputs, MusicOracle.Track(keys[r], times[r], Music.Sqlite), times[r], !Lifting);
            for (int c = 0; c < MusicOracle.TrackFeatures.Count; c++)
            {
                var want = expected[MusicOracle.TrackFeatures[c]] is Fails ? null : expected[MusicOracle.TrackFeatures[c]];
                if (!GridOracle.Agree(want, table.Columns[c][r]))
                    problems.Add($"row {r} {keys[r]} {MusicOracle.TrackFeatures[c]}: expected {GridOracle.Show(want)}, got {GridOracle.Show(table.Columns[c][r])}");
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task A_typed_point_in_time_batch_sees_each_track_and_its_artist_as_of_its_row()
    {
        var outputs = Feature.Paths<MusicTrack>(t => t.Title, t => t.Minutes, t => t.Artist!.Name);
        var rows = MusicData.Tracks.Select((t, i) => new { Id = t.Id, At = MusicData.Now - TimeSpan.FromDays(i % 9) }).Append(new { Id = 404L, At = MusicData.Now }).ToList();
        var answers = await Engine.QueryBatchAsync<MusicTrack>(rows, outputs, asOf: "At");
        Assert.That(answers, Has.Count.EqualTo(rows.Count));
        Assert.That(answers[^1], Is.Null, "track 404 does not exist");
        for (int i = 0; i < rows.Count - 1; i++)
        {
            var row = MusicData.Tracks[i];
            Assert.That(answers[i]!.Title, Is.EqualTo(row.Title), $"track {row.Id}");
            Assert.That(answers[i]!.Minutes, Is.EqualTo(MusicResolvers.Minutes(row.DurationMs)), $"track {row.Id}");
            Assert.That(answers[i]!.Artist?.Name, Is.EqualTo(MusicData.Artists.SingleOrDefault(a => a.Id == row.ArtistId)?.Name), $"track {row.Id}");
        }
    }

    [Test]
    public async Task The_typed_api_fills_a_track_and_its_artist_and_refuses_a_made_up_royalty()
    {
        var outputs = Feature.Paths<MusicTrack>(t => t.Title, t => t.Genre, t => t.Minutes, t => t.Royalty, t => t.DurationMs, t => t.Artist!.Name);
        foreach (var row in MusicData.Tracks.Where(t => t.Title.Length > 0))
        {
            var track = await Engine.QueryAsync<MusicTrack>(new { Id = row.Id }, outputs);
            Assert.That(track, Is.Not.Null);
            Assert.That(track!.Title, Is.EqualTo(row.Title), $"track {row.Id}");
            Assert.That(track.Genre, Is.EqualTo(row.Genre), $"track {row.Id}");
            Assert.That(track.Minutes, Is.EqualTo(MusicResolvers.Minutes(row.DurationMs)), $"track {row.Id}");
            Assert.That(track.Royalty, Is.EqualTo(MusicResolvers.Royalty(row.Title, row.Rate, row.DurationMs)), $"track {row.Id}");
            var artist = MusicData.Artists.SingleOrDefault(a => a.Id == row.ArtistId);
            Assert.That(track.Artist is null, Is.EqualTo(artist is null), $"track {row.Id}");
            Assert.That(track.Artist?.Name, Is.EqualTo(artist?.Name), $"track {row.Id}");
        }
        var failed = await Assert.ThrowsAsync<ChalkResolverException>(() => Engine.QueryAsync<MusicTrack>(new { Id = 6L }, outputs));
        Assert.That(failed!.Message, Does.Contain("music_track.royalty").And.Contain("a track needs a title to earn royalties"));
        Assert.That(await Engine.QueryAsync<MusicTrack>(new { Id = 404L }, outputs), Is.Null);
        Assert.That(Feature.Of<MusicArtist>(a => a.RecentReleases(Window.Of("7d"))), Is.EqualTo("music_artist.recent_releases[7d]"));
        await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync<MusicTrack>(new { Id = 7L }, ["music_track.play_count"]));
    }
}
