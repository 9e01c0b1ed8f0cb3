namespace Chalk.Tests.Audit.Music;

// A music streaming service: artists (string keys typed by hand), their tracks (released at a time: a track released
// after the query time is not yet visible), and the tracks' plays over time. The artist's features aggregate tracks by
// aggregates over each track's plays (nested), over features C# resolvers compute, and over strings.

[Features]
public class MusicArtist
{
    [Primary] public string Id { get; init; } = "";
    public string? Name { get; init; }
    [HasMany(ForeignKey = nameof(MusicTrack.ArtistId))] public DataFrame<MusicTrack> Tracks { get; init; } = [];

    public long TrackCount => Tracks.Count();
    public string? FirstTitle => Tracks.Min(t => t.Title);
    public string? LastTitle => Tracks.Max(t => t.Title);
    public long DistinctGenres => Tracks.Select(t => t.Genre).Distinct().Count();
    public string? NewestTitle => Tracks.MaxBy(t => t.ReleasedAt)?.Title;
    public double TotalMinutes => Tracks.Sum(t => t.Minutes ?? 0);
    public double? LongestMinutes => Tracks.Max(t => t.Minutes);
    public double TotalRoyalty => Tracks.Sum(t => t.Royalty);
    public bool AnyRichTrack => Tracks.Any(t => t.Royalty > 100);

    // Nested: an aggregate over the tracks of an aggregate over each track's plays.
    public long TotalPlays => Tracks.Sum(t => t.Plays.Count());
    public long? MostPlays => Tracks.Max(t => (long?)t.Plays.Count());
    public long TotalBytes => Tracks.Sum(t => t.Plays.Sum(p => p.Bytes));
    public int TotalSeconds => Tracks.Sum(t => t.Plays.Sum(p => p.Seconds));
    public double? LoudestGain => Tracks.Max(t => t.Plays.Max(p => p.Gain));
    public long SilentTracks => Tracks.Count(t => !t.Plays.Any());
    public double? BestScore => Tracks.Max(t => (double?)t.Plays.Sum(p => p.Score));
    public long ScoredTracks => Tracks.Count(t => t.Plays.Any(p => p.Score > 6));
    public string? MostPlayedTitle => Tracks.MaxBy(t => t.Plays.Count())?.Title;
    public long LongTracks => Tracks.Count(t => t.IsLong);

    // Through each track's own has-one back to its artist, and reading the outer row inside the lambda.
    public long TracksWithNamedArtist => Tracks.Count(t => t.Artist != null && t.Artist.Name != null && t.Artist.Name != "");
    public long TitledLikeArtist => Tracks.Count(t => t.Title == Name);
    public DateTime? FirstRelease => Tracks.Min(t => (DateTime?)t.ReleasedAt);
    public long TotalPlaysLong => Tracks.Sum(t => t.PlayCount);

    // Not lifted (loops): the per-row path builds each row's tracks, and their plays, as of the row's time.
    public long LoopFullPlays
    {
        get
        {
            long n = 0;
            foreach (var t in Tracks)
                foreach (var p in t.Plays)
                    if (p.Seconds >= 30) n++;
            return n;
        }
    }

    public string LoopTitles
    {
        get
        {
            var titles = "";
            foreach (var t in Tracks) titles += t.Title + "|" + t.Genre + "|" + t.Minutes + ";";
            return titles;
        }
    }

    [Windowed("1d", "7d")]
    public long RecentReleases(Window w) => Tracks.Count(t => t.ReleasedAt >= w.Start);

    // The window's start read inside the inner lambda: the outer row's value, which does not lift.
    [Windowed("1h")]
    public long RecentPlays(Window w) => Tracks.Sum(t => t.Plays.Count(p => p.PlayedAt > w.Start));
}

[Features]
public class MusicTrack
{
    [Primary] public long Id { get; init; }
    public string? ArtistId { get; init; }
    [HasOne(ForeignKey = nameof(ArtistId))] public MusicArtist? Artist { get; init; }
    public string Title { get; init; } = "";
    public string? Genre { get; init; }
    public long? DurationMs { get; init; }
    public double? Rate { get; init; }
    [FeatureTime] public DateTime ReleasedAt { get; init; }
    [HasMany(ForeignKey = nameof(MusicPlay.TrackId))] public DataFrame<MusicPlay> Plays { get; init; } = [];

    public double? Minutes { get; init; }
    public double Royalty { get; init; }

    public long PlayCount => Plays.Count();
    public int TotalSeconds => Plays.Sum(p => p.Seconds);
    public long TotalBytes => Plays.Sum(p => p.Bytes);
    public double AvgBytes => Plays.Average(p => p.Bytes);
    public double? MaxGain => Plays.Max(p => p.Gain);
    public double? MinGain => Plays.Min(p => p.Gain);
    public double StrictMinGain => Plays.Min(p => p.Gain ?? 0);
    public double? AvgRating => Plays.Average(p => p.Rating);
    public long DistinctDevices => Plays.Select(p => p.Device).Distinct().Count();
    public string? FirstDevice => Plays.Min(p => p.Device);
    public string? LastDevice => Plays.Max(p => p.Device);
    public string? LatestDevice => Plays.MaxBy(p => p.PlayedAt)?.Device;
    public bool AllFull => Plays.All(p => p.Seconds >= 30);
    public bool AnySkip => Plays.Any(p => p.Seconds < 30);
    public string ArtistName => Artist?.Name ?? "unknown";
    public bool IsLong => DurationMs > 180_000;
    public double? TotalGain => Plays.Sum(p => p.Gain);
    public double? AvgGain => Plays.Average(p => p.Gain);
    public long DistinctGains => Plays.Select(p => p.Gain).Distinct().Count();
    public int? QuietestSeconds => Plays.MinBy(p => p.Device)?.Seconds;
    public long? LowestGainBytes => Plays.OrderBy(p => p.Gain).FirstOrDefault()?.Bytes;
    public long? LastTvBytes => Plays.Where(p => p.Device == "tv").LastOrDefault()?.Bytes;
    public long PhonePlays => Plays.Count(p => p.Device == "phone");
    public long EmptyDevicePlays => Plays.Count(p => p.Device == "");
    public long NoDevicePlays => Plays.Count(p => p.Device == null);
    public double TotalScore => Plays.Sum(p => p.Score);
    public bool AnyHighScore => Plays.Any(p => p.Score > 6);
    public double? TvScore => Plays.Where(p => p.Device == "tv").Max(p => (double?)p.Score);

    [Windowed("1h", "1d")]
    public long RecentPlays(Window w) => Plays.Count(p => p.PlayedAt >= w.Start);

    [Windowed("1d")]
    public long RecentSecondsOpen(Window w) => Plays.Where(p => p.PlayedAt > w.Start).Sum(p => (long)p.Seconds);
}

[Features]
public class MusicPlay
{
    [Primary] public long Id { get; init; }
    public long? TrackId { get; init; }
    [FeatureTime] public DateTime PlayedAt { get; init; }
    public int Seconds { get; init; }
    public long Bytes { get; init; }
    public double? Gain { get; init; }
    public double? Rating { get; init; }
    public string? Device { get; init; }
    public double Score { get; init; }
}

public static class MusicResolvers
{
    /// <summary>Lifts and cannot fail: inlined into pushed-down aggregates.</summary>
    [Resolver(Output = "music_track.minutes")]
    public static double? Minutes(long? durationMs) => durationMs / 60000.0;

    /// <summary>Throws for a play of no seconds: a grandchild feature of the artist that fails on some rows.</summary>
    [Resolver(Output = "music_play.score")]
    public static double Score(int seconds, double? gain)
    {
        if (seconds == 0) throw new InvalidOperationException("a play of no seconds has no score");
        return seconds / 60.0 + (gain ?? 0);
    }

    /// <summary>Throws for a track without a title: the error is the artist's row's, never a made-up total.</summary>
    [Resolver(Output = "music_track.royalty")]
    public static double Royalty(string title, double? rate, long? durationMs)
    {
        if (title.Length == 0) throw new InvalidOperationException("a track needs a title to earn royalties");
        return (rate ?? 0.5) * (durationMs ?? 0) / 1000.0;
    }
}
