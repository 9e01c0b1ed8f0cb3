using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.PowerGrid;

/// <summary>The grid's database on DuckDB or SQLite, and engines over it, lifted or per row, at <see cref="GridData.Now"/>.</summary>
public sealed class GridEngines : IAsyncDisposable
{
    private readonly SqlSource _source;
    private readonly string? _path;

    private GridEngines(SqlSource source, string? path, bool sqlite)
    {
        _source = source;
        _path = path;
        Sqlite = sqlite;
    }

    /// <summary>The source holding the grid's tables, named <c>grid</c>.</summary>
    public SqlSource Source => _source;

    /// <summary>Whether the rows live in SQLite (else DuckDB).</summary>
    public bool Sqlite { get; }

    public static async Task<GridEngines> CreateAsync(string store)
    {
        if (store == "duckdb") return new GridEngines(await GridData.DuckDbAsync(), null, false);
        var path = Path.Combine(Path.GetTempPath(), $"chalk-grid-{Guid.NewGuid():N}.db");
        return new GridEngines(await GridData.SqliteAsync(path), path, true);
    }

    public ChalkEngine Build(bool lifting, params string[] extraSql)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(GridSubstation), typeof(GridMeter), typeof(GridReading), typeof(GridResolvers))
            .AddSource("grid", _source, disposeWithEngine: false)
            .WithTimeProvider(new ManualClock(new DateTimeOffset(GridData.Now)));
        var files = GridData.Sql("grid").Concat(extraSql).ToArray();
        for (int i = 0; i < files.Length; i++) builder.AddSqlResolver($"grid{i}.chalk.sql", files[i]);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    /// <summary>A batch of meter keys (null for a null key), each with its query time in the column <c>at</c>.</summary>
    public static RecordBatch Inputs(IReadOnlyList<(string? Key, DateTime At)> rows)
    {
        var keys = new StringArray.Builder();
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var (key, at) in rows)
        {
            if (key is null) keys.AppendNull(); else keys.Append(key);
            times.Append(new DateTimeOffset(at, TimeSpan.Zero));
        }
        var t = times.Build();
        return new RecordBatch(new Schema([new Field("grid_meter.id", StringType.Default, true), new Field("at", t.Data.DataType, false)], null),
            [keys.Build(), t], rows.Count);
    }

    /// <summary>Runs a statement against a DuckDB grid (to break it after an engine was built).</summary>
    public Task ExecuteAsync(string sql) => ((DuckDbSource)_source).UseConnectionAsync(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        if (_path is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
