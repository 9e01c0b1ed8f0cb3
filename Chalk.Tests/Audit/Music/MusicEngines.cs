using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Music;

/// <summary>The service's database on DuckDB or SQLite, and engines over it, lifted or per row, at <see cref="MusicData.Now"/>.</summary>
public sealed class MusicEngines : IAsyncDisposable
{
    private readonly SqlSource _source;
    private readonly string? _path;

    private MusicEngines(SqlSource source, string? path)
    {
        _source = source;
        _path = path;
    }

    /// <summary>Whether the rows live in SQLite (else DuckDB).</summary>
    public bool Sqlite => _path is not null;

    public static async Task<MusicEngines> CreateAsync(string store)
    {
        if (store == "duckdb") return new MusicEngines(await MusicData.DuckDbAsync(), null);
        var path = Path.Combine(Path.GetTempPath(), $"chalk-music-{Guid.NewGuid():N}.db");
        return new MusicEngines(await MusicData.SqliteAsync(path), path);
    }

    public ChalkEngine Build(bool lifting)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(MusicArtist), typeof(MusicTrack), typeof(MusicPlay), typeof(MusicResolvers))
            .AddSource("music", _source, disposeWithEngine: false)
            .WithTimeProvider(new ManualClock(new DateTimeOffset(MusicData.Now)));
        var files = MusicData.Sql("music");
        for (int i = 0; i < files.Length; i++) builder.AddSqlResolver($"music{i}.chalk.sql", files[i]);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    /// <summary>A batch of artist keys (null for a null key), each with its query time in the column <c>at</c>.</summary>
    public static RecordBatch ArtistInputs(IReadOnlyList<(string? Key, DateTime At)> rows)
    {
        var keys = new StringArray.Builder();
        foreach (var (key, _) in rows)
            if (key is null) keys.AppendNull(); else keys.Append(key);
        return WithTimes("music_artist.id", StringType.Default, keys.Build(), rows.Select(r => r.At));
    }

    /// <summary>A batch of track keys, each with its query time in the column <c>at</c>.</summary>
    public static RecordBatch TrackInputs(IReadOnlyList<(long? Key, DateTime At)> rows)
    {
        var keys = new Int64Array.Builder();
        foreach (var (key, _) in rows)
            if (key is null) keys.AppendNull(); else keys.Append(key.Value);
        return WithTimes("music_track.id", Int64Type.Default, keys.Build(), rows.Select(r => r.At));
    }

    private static RecordBatch WithTimes(string keyName, IArrowType keyType, IArrowArray keys, IEnumerable<DateTime> at)
    {
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var t in at) times.Append(new DateTimeOffset(t, TimeSpan.Zero));
        var built = times.Build();
        return new RecordBatch(new Schema([new Field(keyName, keyType, true), new Field("at", built.Data.DataType, false)], null),
            [keys, built], keys.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        if (_path is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
