using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Music;

/// <summary>The service's database on DuckDB, SQLite, or both (<c>mixed</c>: artists and tracks in DuckDB, plays in
/// SQLite; <c>mixed-plays-in-duckdb</c> the other way round), and engines over it, lifted or per row, at <see cref="MusicData.Now"/>.</summary>
public sealed class MusicEngines : IAsyncDisposable
{
    private readonly DuckDbSource? _duckdb;
    private readonly SqliteSource? _sqlite;
    private readonly string? _path;
    private readonly string _store;

    private MusicEngines(string store, DuckDbSource? duckdb, SqliteSource? sqlite, string? path)
    {
        _store = store;
        _duckdb = duckdb;
        _sqlite = sqlite;
        _path = path;
    }

    /// <summary>Whether the plays live in SQLite (which has no NaN and no -0.0).</summary>
    public bool Sqlite => _store is "sqlite" or "mixed";

    public static async Task<MusicEngines> CreateAsync(string store)
    {
        var duckdb = store == "sqlite" ? null : await MusicData.DuckDbAsync();
        if (store == "duckdb") return new MusicEngines(store, duckdb, null, null);
        var path = Path.Combine(Path.GetTempPath(), $"chalk-music-{Guid.NewGuid():N}.db");
        return new MusicEngines(store, duckdb, await MusicData.SqliteAsync(path), path);
    }

    public ChalkEngine Build(bool lifting)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(MusicArtist), typeof(MusicTrack), typeof(MusicPlay), typeof(MusicResolvers))
            .WithTimeProvider(new ManualClock(new DateTimeOffset(MusicData.Now)));
        if (_duckdb is not null) builder.AddSource("duck", _duckdb, disposeWithEngine: false);
        if (_sqlite is not null) builder.AddSource("lite", _sqlite, disposeWithEngine: false);
        var (catalog, plays) = _store switch
        {
            "duckdb" => ("duck", "duck"),
            "sqlite" => ("lite", "lite"),
            "mixed" => ("duck", "lite"),
            _ => ("lite", "duck"),
        };
        var files = MusicData.Sql(catalog, plays);
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
        if (_duckdb is not null) await _duckdb.DisposeAsync();
        if (_sqlite is not null) await _sqlite.DisposeAsync();
        if (_path is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
