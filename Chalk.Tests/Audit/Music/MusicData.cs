using static Chalk.Tests.Audit.AuditRows;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Audit.Music;

/// <summary>An artist as stored.</summary>
public sealed record ArtistRow(string Id, string? Name);

/// <summary>A track as stored; a null release time is a track never visible under its artist.</summary>
public sealed record TrackRow(long Id, string? ArtistId, string Title, string? Genre, long? DurationMs, double? Rate, DateTime? ReleasedAt);

/// <summary>A play as stored; a null time is a play never visible.</summary>
public sealed record PlayRow(long Id, long? TrackId, DateTime? PlayedAt, int Seconds, long Bytes, double? Gain, double? Rating, string? Device);

/// <summary>The service's rows (hand-picked edge cases and seeded random ones), and the same rows in DuckDB or SQLite.</summary>
public static class MusicData
{
    public static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    public static readonly TimeSpan Micro = TimeSpan.FromTicks(10);

    // Keys that differ only by case, a trailing space, composition, a NUL; an empty key; an artist without tracks.
    public static readonly ArtistRow[] Artists =
    [
        new("a-1", "Ada"), new("A-1", "ADA"), new("a-1 ", "Ada trailing"), new("", "nameless"), new("a-\U0001F3B8", null),
        new("caf\u00e9", "nfc"), new("cafe\u0301", "nfd"), new("a-quiet", "no tracks"), new("a-big", "overflows"),
        new("a-nan", "floats"), new("a-loud", "sums overflow across tracks"), new("a-2", "Bo"), new("a-\uFFFD", "replacement"), new("a-3", "Cy"), new("a-4", ""),
    ];

    private static readonly string?[] Genres = [null, "", "rock", "Rock", "rock ", "jazz", "caf\u00e9", "cafe\u0301"];
    private static readonly string[] Titles = ["alpha", "Alpha", "beta", "Beta", "\u00e9t\u00e9", "zulu", "Zulu", "a", "\U0001F3B5 song", "x\0y", "x"];
    private static readonly string?[] Devices = [null, "", "phone", "Phone", "phone ", "tv", "caf\u00e9", "cafe\u0301", "\U0001F4FA"];

    public static readonly TrackRow[] Tracks = MakeTracks();
    public static readonly PlayRow[] Plays = MakePlays();

    private static TrackRow[] MakeTracks()
    {
        var rows = new List<TrackRow>
        {
            // a-big: plays whose int and long sums overflow. a-nan: NaN, infinities and signed zeros.
            new(1, "a-big", "big one", "rock", 1000, 1, Now - TimeSpan.FromDays(20)),
            new(2, "a-big", "big two", null, null, null, Now - TimeSpan.FromDays(19)),
            new(3, "a-nan", "nan", "jazz", 60000, 2, Now - TimeSpan.FromDays(18)),
            new(4, "a-nan", "inf", "jazz", 120000, 2, Now - TimeSpan.FromDays(18)),
            new(5, "a-nan", "zeros", "jazz", 0, 0, Now - TimeSpan.FromDays(18)),
            // A track without a title (its royalty throws), one released exactly at Now, one after, one never.
            new(6, "a-2", "", "rock", 30000, 1, Now - TimeSpan.FromDays(1)),
            new(7, "a-2", "now", "pop", 30000, 1, Now),
            new(8, "a-2", "later", "pop", 30000, 1, Now + Micro),
            new(9, "a-2", "never", "pop", 30000, 1, null),
            new(10, "ghost", "dangling", "rock", 1, 1, Now - TimeSpan.FromDays(2)),
            new(11, null, "orphan", "rock", 1, 1, Now - TimeSpan.FromDays(2)),
            new(12, "a-1", "no plays", null, 45000, 1, Now - TimeSpan.FromDays(7)),
            new(63, "a-1", "Ada", null, 1000, 1, Now - TimeSpan.FromDays(6)),
            new(64, "a-4", "", "pop", 1000, 1, Now - TimeSpan.FromDays(6)),
            // Each track's sums fit; the artist's sums over them do not.
            new(61, "a-loud", "loud one", "rock", 200_000, 1, Now - TimeSpan.FromDays(3)),
            new(62, "a-loud", "loud two", "rock", 200_000, 1, Now - TimeSpan.FromDays(2)),
            // Keys at the ends of long: ordered first and last, and past 2^53 (a JSON key list read as doubles would merge them).
            new(long.MaxValue, "a-3", "max", "rock", 1, 1, Now - TimeSpan.FromDays(4)),
            new(long.MaxValue - 1, "a-3", "max minus one", "rock", 1, 1, Now - TimeSpan.FromDays(4)),
            new(long.MinValue, "a-3", "min", "jazz", 2, 1, Now - TimeSpan.FromDays(4)),
            new(-1, "a-3", "minus one", "jazz", 3, 1, Now - TimeSpan.FromDays(4)),
        };
        var random = new Random(20260301);
        string[] owners = ["a-1", "A-1", "a-1 ", "", "a-\U0001F3B8", "caf\u00e9", "cafe\u0301", "a-3", "a-4", "a-2"];
        for (long id = 13; id <= 60; id++)
        {
            var released = Now - TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 30)) + (random.Next(8) == 0 ? TimeSpan.FromDays(2) : TimeSpan.Zero);
            rows.Add(new(id, owners[random.Next(owners.Length)], Titles[random.Next(Titles.Length)], Genres[random.Next(Genres.Length)],
                random.Next(6) == 0 ? null : random.Next(1000, 400_000), random.Next(5) == 0 ? null : Math.Round(random.NextDouble(), 3), released));
        }
        return rows.ToArray();
    }

    private static PlayRow[] MakePlays()
    {
        var rows = new List<PlayRow>
        {
            new(1, 1, Now - TimeSpan.FromHours(3), int.MaxValue, long.MaxValue - 5, 1, 4, "phone"),
            new(2, 1, Now - TimeSpan.FromHours(2), 1, 10, 1, 5, "phone"),
            new(3, 1, Now - TimeSpan.FromHours(1), -1, -10, 1, 3, "tv"),
            new(4, 2, Now - TimeSpan.FromHours(1), 5, long.MinValue + 1, null, null, null),
            new(5, 3, Now - TimeSpan.FromHours(2), 40, 1, double.NaN, 1, "tv"),
            new(6, 3, Now - TimeSpan.FromHours(1), 40, 1, 2, 1, "tv"),
            new(7, 4, Now - TimeSpan.FromHours(2), 40, 1, double.PositiveInfinity, 1, "tv"),
            new(8, 4, Now - TimeSpan.FromHours(1), 40, 1, double.NegativeInfinity, 1, "tv"),
            new(9, 5, Now - TimeSpan.FromHours(3), 40, 1, -0.0, 1, "tv"),
            new(10, 5, Now - TimeSpan.FromHours(2), 40, 1, 0.0, 1, "tv"),
            new(11, 5, Now - TimeSpan.FromHours(1), 40, 1, null, null, "tv"),
            // Exactly at Now, a microsecond after, exactly an hour and a day before, never; on tracks 7 and 999.
            new(12, 7, Now, 10, 100, 0.5, 2, "phone"),
            new(13, 7, Now + Micro, 10, 100, 0.5, 2, "phone"),
            new(14, 7, Now - TimeSpan.FromHours(1), 20, 100, 0.5, 2, "Phone"),
            new(15, 7, Now - TimeSpan.FromDays(1), 30, 100, 0.5, 2, "phone "),
            new(16, 7, null, 40, 100, 0.5, 2, "never"),
            new(17, 999, Now - TimeSpan.FromHours(1), 40, 100, 0.5, 2, "lost"),
            new(18, null, Now - TimeSpan.FromHours(1), 40, 100, 0.5, 2, "nobody's"),
            new(19, 6, Now - TimeSpan.FromDays(1), 31, 100, 0.5, 2, ""),
            new(20, 8, Now - TimeSpan.FromHours(1), 31, 100, 0.5, 2, "early"),
            new(long.MinValue, long.MaxValue, Now - TimeSpan.FromHours(2), 50, 1, 3, 1, "tv"),
            new(long.MaxValue, long.MaxValue, Now - TimeSpan.FromHours(2), 60, 2, 3, 1, "tv"),
            new(-7, long.MaxValue, Now - TimeSpan.FromHours(2), 70, 3, 3, 1, "tv"),
            new(long.MaxValue - 1, long.MaxValue - 1, Now - TimeSpan.FromHours(2), 80, 4, 3, 1, "phone"),
            new(-8, long.MinValue, Now - TimeSpan.FromHours(2), 90, 5, -1, 1, "tv"),
            new(-9, -1, Now - TimeSpan.FromHours(2), 100, 6, -2, 1, "tv"),
            new(21, 61, Now - TimeSpan.FromHours(5), 2_000_000_000, long.MaxValue / 2 + 1, 1, 1, "tv"),
            new(22, 62, Now - TimeSpan.FromHours(4), 2_000_000_000, long.MaxValue / 2 + 1, 1, 1, "tv"),
        };
        var random = new Random(42);
        for (long id = 100; id < 1600; id++)
        {
            long track = random.Next(13, 61);
            var at = random.Next(40) == 0 ? (DateTime?)null : Now - TimeSpan.FromMinutes(random.Next(-60 * 24, 60 * 24 * 10));
            double? gain = random.Next(10) switch { 0 => null, 1 => -0.0, 2 => 0.0, _ => Math.Round(random.NextDouble() * 20 - 10, 2) };
            double? rating = random.Next(4) == 0 ? null : random.Next(1, 6);
            rows.Add(new(id, track, at, random.Next(0, 400), random.NextInt64(0, 1L << 40), gain, rating, Devices[random.Next(Devices.Length)]));
        }
        return rows.ToArray();
    }

    /// <summary>The plays as SQLite holds them: a NaN is NULL there, and -0.0 is 0.</summary>
    public static PlayRow[] PlaysIn(bool sqlite) => sqlite
        ? Plays.Select(p => p with { Gain = p.Gain is double g ? (double.IsNaN(g) ? null : g + 0.0) : null }).ToArray()
        : Plays;

    public static string[] Sql(string catalog, string plays) =>
    [
        $"-- resolves: MusicArtist\n-- source: {catalog}\nselect id, name from artists where id = ${{music_artist.id}}\n",
        $"-- resolves: MusicTrack\n-- source: {catalog}\nselect id, artist_id, title, genre, duration_ms, rate, released_at from tracks\n",
        $"-- resolves: MusicPlay\n-- source: {plays}\nselect id, track_id, played_at, seconds, bytes, gain, rating, device from plays\n",
    ];

    private const string Schema = """
        create table artists(id varchar, name varchar);
        create table tracks(id bigint, artist_id varchar, title varchar, genre varchar, duration_ms bigint, rate double, released_at timestamp);
        create table plays(id bigint, track_id bigint, played_at timestamp, seconds integer, bytes bigint, gain double, rating double, device varchar);
        """;

    /// <summary>A DuckDB database (in memory, or the file <paramref name="dataSource"/>) holding the service.</summary>
    public static async Task<DuckDbSource> DuckDbAsync(string dataSource = ":memory:")
    {
        var source = new DuckDbSource("Data Source=" + dataSource, readOnly: false);
        await source.UseConnectionAsync(c =>
        {
            using (var cmd = c.CreateCommand()) { cmd.CommandText = Schema; cmd.ExecuteNonQuery(); }
            using (var a = c.CreateAppender("artists"))
                foreach (var r in Artists) a.CreateRow().AppendValue(Utf8(r.Id)).AppendValue(Utf8(r.Name)).EndRow();
            using (var a = c.CreateAppender("tracks"))
                foreach (var t in Tracks)
                    a.CreateRow().AppendValue((long?)t.Id).AppendValue(Utf8(t.ArtistId)).AppendValue(Utf8(t.Title)).AppendValue(Utf8(t.Genre))
                        .AppendValue(t.DurationMs).AppendValue(t.Rate).AppendValue(t.ReleasedAt).EndRow();
            using (var a = c.CreateAppender("plays"))
                foreach (var p in Plays)
                    a.CreateRow().AppendValue((long?)p.Id).AppendValue(p.TrackId).AppendValue(p.PlayedAt).AppendValue((int?)p.Seconds)
                        .AppendValue((long?)p.Bytes).AppendValue(p.Gain).AppendValue(p.Rating).AppendValue(Utf8(p.Device)).EndRow();
            return Task.CompletedTask;
        });
        return source;
    }

    /// <summary>A SQLite database file at <paramref name="path"/> holding the service, and a source over it.</summary>
    public static Task<SqliteSource> SqliteAsync(string path) => AuditRows.SqliteAsync(path, Schema, async conn =>
    {
        foreach (var r in Artists) await InsertAsync(conn, "artists", r.Id, r.Name);
        foreach (var t in Tracks) await InsertAsync(conn, "tracks", t.Id, t.ArtistId, t.Title, t.Genre, t.DurationMs, t.Rate, Text(t.ReleasedAt));
        foreach (var p in PlaysIn(sqlite: true))
            await InsertAsync(conn, "plays", p.Id, p.TrackId, Text(p.PlayedAt), p.Seconds, p.Bytes, p.Gain, p.Rating, p.Device);
    });
}
