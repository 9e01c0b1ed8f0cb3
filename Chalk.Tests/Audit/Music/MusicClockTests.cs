using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Music;

/// <summary>A clock between two microseconds: the query time is the whole microsecond at or before it (time features
/// hold microseconds), on the lifted and the per-row path alike, so a window that starts exactly at a play counts it.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class MusicClockTests(bool lifting)
{
    [Test]
    public async Task A_clock_half_a_microsecond_past_a_whole_one_queries_as_of_the_whole_one()
    {
        await using var duckdb = await MusicData.DuckDbAsync();
        var now = MusicData.Now + TimeSpan.FromTicks(5);
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(MusicArtist), typeof(MusicTrack), typeof(MusicPlay), typeof(MusicResolvers))
            .AddSource("music", duckdb, disposeWithEngine: false)
            .WithTimeProvider(new ManualClock(new DateTimeOffset(now)));
        var files = MusicData.Sql("music", "music");
        for (int i = 0; i < files.Length; i++) builder.AddSqlResolver($"music{i}.chalk.sql", files[i]);
        await using var engine = (lifting ? builder : builder.DisableLifting()).Build();
        var result = await engine.QueryAsync(new Dictionary<string, object?> { ["music_track.id"] = 7L }, ["music_track.recent_plays[1h]", "music_track.recent_plays[1d]"]);
        var track = MusicOracle.Track(7, MusicData.Now, sqlite: false)!;
        // Plays 14 and 15 are exactly an hour and a day before MusicData.Now: inside the windows as of the whole µs, just
        // outside them as of the clock's own time.
        Assert.That(result["music_track.recent_plays[1h]"], Is.EqualTo(track.RecentPlays(new Window(MusicData.Now - TimeSpan.FromHours(1), MusicData.Now))).And.EqualTo(2L));
        Assert.That(result["music_track.recent_plays[1d]"], Is.EqualTo(track.RecentPlays(new Window(MusicData.Now - TimeSpan.FromDays(1), MusicData.Now))).And.EqualTo(3L));
    }
}
