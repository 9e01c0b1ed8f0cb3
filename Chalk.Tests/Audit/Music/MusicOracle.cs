using Chalk.Tests.Audit.PowerGrid;

namespace Chalk.Tests.Audit.Music;

/// <summary>What a query must answer, computed by the compiled C# over LINQ to objects on the stored rows: the objects
/// are built from the rows visible at the query time, and the feature classes' own getters run over them.</summary>
public static class MusicOracle
{
    private const string RoyaltyFails = "a track needs a title to earn royalties";

    public static readonly (string Feature, Func<MusicArtist, DateTime, object?> Value)[] ArtistOutputs =
    [
        ("music_artist.id", (a, _) => a.Id),
        ("music_artist.name", (a, _) => a.Name),
        ("music_artist.track_count", (a, _) => a.TrackCount),
        ("music_artist.first_title", (a, _) => a.FirstTitle),
        ("music_artist.last_title", (a, _) => a.LastTitle),
        ("music_artist.distinct_genres", (a, _) => a.DistinctGenres),
        ("music_artist.newest_title", (a, _) => a.NewestTitle),
        ("music_artist.total_minutes", (a, _) => a.TotalMinutes),
        ("music_artist.longest_minutes", (a, _) => a.LongestMinutes),
        ("music_artist.total_royalty", (a, _) => a.Tracks.Sum(RoyaltyOf)),
        ("music_artist.any_rich_track", (a, _) => a.Tracks.Any(t => RoyaltyOf(t) > 100)),
        ("music_artist.total_plays", (a, _) => a.TotalPlays),
        ("music_artist.most_plays", (a, _) => a.MostPlays),
        ("music_artist.total_bytes", (a, _) => a.TotalBytes),
        ("music_artist.total_seconds", (a, _) => a.TotalSeconds),
        ("music_artist.loudest_gain", (a, _) => a.LoudestGain),
        ("music_artist.silent_tracks", (a, _) => a.SilentTracks),
        ("music_artist.most_played_title", (a, _) => a.MostPlayedTitle),
        ("music_artist.best_score", (a, _) => a.Tracks.Max(t => (double?)t.Plays.Sum(ScoreOf))),
        ("music_artist.scored_tracks", (a, _) => (long)a.Tracks.Count(t => t.Plays.Any(p => ScoreOf(p) > 6))),
        ("music_artist.long_tracks", (a, _) => a.LongTracks),
        ("music_artist.tracks_with_named_artist", (a, _) => a.TracksWithNamedArtist),
        ("music_artist.titled_like_artist", (a, _) => a.TitledLikeArtist),
        ("music_artist.first_release", (a, _) => a.FirstRelease),
        ("music_artist.total_plays_long", (a, _) => a.TotalPlaysLong),
        ("music_artist.loop_full_plays", (a, _) => a.LoopFullPlays),
        ("music_artist.loop_titles", (a, _) => a.LoopTitles),
        ("music_artist.recent_releases[1d]", (a, t) => a.RecentReleases(new Window(t - TimeSpan.FromDays(1), t))),
        ("music_artist.recent_releases[7d]", (a, t) => a.RecentReleases(new Window(t - TimeSpan.FromDays(7), t))),
        ("music_artist.recent_plays[1h]", (a, t) => a.RecentPlays(new Window(t - TimeSpan.FromHours(1), t))),
    ];

    public static readonly (string Feature, Func<MusicTrack, DateTime, object?> Value)[] TrackOutputs =
    [
        ("music_track.id", (t, _) => t.Id),
        ("music_track.title", (t, _) => t.Title),
        ("music_track.genre", (t, _) => t.Genre),
        ("music_track.minutes", (t, _) => t.Minutes),
        ("music_track.royalty", (t, _) => RoyaltyOf(t)),
        ("music_track.artist_name", (t, _) => t.ArtistName),
        ("music_track.artist.track_count", (t, _) => t.Artist?.TrackCount),
        ("music_track.play_count", (t, _) => t.PlayCount),
        ("music_track.total_seconds", (t, _) => t.TotalSeconds),
        ("music_track.total_bytes", (t, _) => t.TotalBytes),
        ("music_track.avg_bytes", (t, _) => t.AvgBytes),
        ("music_track.max_gain", (t, _) => t.MaxGain),
        ("music_track.min_gain", (t, _) => t.MinGain),
        ("music_track.strict_min_gain", (t, _) => t.StrictMinGain),
        ("music_track.avg_rating", (t, _) => t.AvgRating),
        ("music_track.distinct_devices", (t, _) => t.DistinctDevices),
        ("music_track.first_device", (t, _) => t.FirstDevice),
        ("music_track.last_device", (t, _) => t.LastDevice),
        ("music_track.latest_device", (t, _) => t.LatestDevice),
        ("music_track.all_full", (t, _) => t.AllFull),
        ("music_track.any_skip", (t, _) => t.AnySkip),
        ("music_track.is_long", (t, _) => t.IsLong),
        ("music_track.total_gain", (t, _) => t.TotalGain),
        ("music_track.avg_gain", (t, _) => t.AvgGain),
        ("music_track.distinct_gains", (t, _) => t.DistinctGains),
        ("music_track.quietest_seconds", (t, _) => t.QuietestSeconds),
        ("music_track.lowest_gain_bytes", (t, _) => t.LowestGainBytes),
        ("music_track.last_tv_bytes", (t, _) => t.LastTvBytes),
        ("music_track.phone_plays", (t, _) => t.PhonePlays),
        ("music_track.empty_device_plays", (t, _) => t.EmptyDevicePlays),
        ("music_track.no_device_plays", (t, _) => t.NoDevicePlays),
        ("music_track.total_score", (t, _) => t.Plays.Sum(ScoreOf)),
        ("music_track.any_high_score", (t, _) => t.Plays.Any(p => ScoreOf(p) > 6)),
        ("music_track.tv_score", (t, _) => t.Plays.Where(p => p.Device == "tv").Max(p => (double?)ScoreOf(p))),
        ("music_track.recent_plays[1h]", (t, at) => t.RecentPlays(new Window(at - TimeSpan.FromHours(1), at))),
        ("music_track.recent_plays[1d]", (t, at) => t.RecentPlays(new Window(at - TimeSpan.FromDays(1), at))),
        ("music_track.recent_seconds_open[1d]", (t, at) => t.RecentSecondsOpen(new Window(at - TimeSpan.FromDays(1), at))),
    ];

    // The track's royalty as LINQ reads it: the resolver throws for a track without a title (the object holds NaN there).
    private static double RoyaltyOf(MusicTrack t) => t.Title.Length == 0 ? throw new InvalidOperationException(RoyaltyFails) : t.Royalty;

    // A play's score as LINQ reads it: the resolver throws for a play of no seconds (the object holds NaN there).
    private static double ScoreOf(MusicPlay p) => p.Seconds == 0 ? throw new InvalidOperationException(ScoreFails) : p.Score;

    private const string ScoreFails = "a play of no seconds has no score";

    /// <summary>Features LINQ computes without reading a failed play's score on some rows (<c>Any</c> stops at a match,
    /// <c>Where</c> leaves the play out), and where the per-row path fails: it builds the plays as objects, which cannot
    /// hold a failed feature, so the getter fails (naming the play's failure) wherever a visible play's score failed.</summary>
    public static readonly Dictionary<string, (Func<object, bool> Where, string Message)> PerRowFailsWhere = new()
    {
        ["music_track.any_high_score"] = (o => ((MusicTrack)o).Plays.Any(p => p.Seconds == 0), ScoreFails),
        ["music_track.tv_score"] = (o => ((MusicTrack)o).Plays.Any(p => p.Seconds == 0), ScoreFails),
        ["music_artist.scored_tracks"] = (o => ((MusicArtist)o).Tracks.Any(t => t.Plays.Any(p => p.Seconds == 0)), ScoreFails),
        ["music_artist.any_rich_track"] = (o => ((MusicArtist)o).Tracks.Any(t => t.Title.Length == 0), RoyaltyFails),
    };

    public static IReadOnlyList<string> ArtistFeatures => ArtistOutputs.Select(o => o.Feature).ToArray();
    public static IReadOnlyList<string> TrackFeatures => TrackOutputs.Select(o => o.Feature).ToArray();

    private static readonly ILookup<long, PlayRow> s_duckDbPlays = MusicData.PlaysIn(sqlite: false).Where(p => p.TrackId is not null).ToLookup(p => p.TrackId!.Value);
    private static readonly ILookup<long, PlayRow> s_sqlitePlays = MusicData.PlaysIn(sqlite: true).Where(p => p.TrackId is not null).ToLookup(p => p.TrackId!.Value);

    /// <summary>The artist a key names (ordinally), with the tracks released by <paramref name="asOf"/>, or null.</summary>
    public static MusicArtist? Artist(string? key, DateTime asOf, bool sqlite)
    {
        var row = key is null ? null : MusicData.Artists.SingleOrDefault(a => string.Equals(a.Id, key, StringComparison.Ordinal));
        if (row is null) return null;
        var tracks = MusicData.Tracks
            .Where(t => string.Equals(t.ArtistId, row.Id, StringComparison.Ordinal) && t.ReleasedAt is { } at && at <= asOf)
            .OrderBy(t => t.Id)
            .Select(t => Track(t, new MusicArtist { Id = row.Id, Name = row.Name }, asOf, sqlite))
            .ToArray();
        return new MusicArtist { Id = row.Id, Name = row.Name, Tracks = new DataFrame<MusicTrack>(tracks) };
    }

    /// <summary>The track a key names, with its artist (as of <paramref name="asOf"/>) and its plays by then, or null.</summary>
    public static MusicTrack? Track(long? key, DateTime asOf, bool sqlite)
    {
        var row = MusicData.Tracks.SingleOrDefault(t => t.Id == key);
        return row is null ? null : Track(row, row.ArtistId is null ? null : Artist(row.ArtistId, asOf, sqlite), asOf, sqlite);
    }

    private static MusicTrack Track(TrackRow t, MusicArtist? artist, DateTime asOf, bool sqlite)
    {
        var plays = (sqlite ? s_sqlitePlays : s_duckDbPlays)[t.Id]
            .Where(p => p.PlayedAt is { } at && at <= asOf)
            .OrderBy(p => p.Id)
            .Select(p => new MusicPlay
            {
                Id = p.Id, TrackId = p.TrackId, PlayedAt = p.PlayedAt!.Value, Seconds = p.Seconds, Bytes = p.Bytes, Gain = p.Gain,
                Rating = p.Rating, Device = p.Device, Score = p.Seconds == 0 ? double.NaN : MusicResolvers.Score(p.Seconds, p.Gain),
            })
            .ToArray();
        return new MusicTrack
        {
            Id = t.Id, ArtistId = t.ArtistId, Artist = artist, Title = t.Title, Genre = t.Genre, DurationMs = t.DurationMs, Rate = t.Rate,
            ReleasedAt = t.ReleasedAt ?? default, Plays = new DataFrame<MusicPlay>(plays),
            Minutes = MusicResolvers.Minutes(t.DurationMs),
            Royalty = t.Title.Length == 0 ? double.NaN : MusicResolvers.Royalty(t.Title, t.Rate, t.DurationMs),
        };
    }

    /// <summary>The expected value of each output: null where the row does not exist, <see cref="Fails"/> where C# throws.</summary>
    /// <remarks>With <paramref name="perRow"/> (lifting disabled), the features of <see cref="PerRowFailsWhere"/> fail where it says.</remarks>
    public static Dictionary<string, object?> Expected<T>((string Feature, Func<T, DateTime, object?> Value)[] outputs, T? row, DateTime asOf, bool perRow = false)
        where T : class
    {
        var expected = new Dictionary<string, object?>();
        foreach (var (feature, value) in outputs)
        {
            if (row is null) { expected[feature] = null; continue; }
            if (perRow && PerRowFailsWhere.TryGetValue(feature, out var fails) && fails.Where(row)) { expected[feature] = new Fails(fails.Message); continue; }
            try { expected[feature] = value(row, asOf); }
            catch (Exception e) { expected[feature] = new Fails(e.Message); }
        }
        return expected;
    }

    /// <summary>Compares one value with its expectation (<see cref="GridOracle.Compare"/>).</summary>
    public static void Compare(List<string> problems, string where, object? expected, object? actual, IReadOnlyCollection<string> featureErrors,
        IReadOnlyCollection<string> rowErrors)
        => GridOracle.Compare(problems, where, expected, actual, featureErrors, rowErrors);
}
