using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Greenhouse;

/// <summary>The network's database on DuckDB or SQLite, and engines over it, lifted or per row, with a clock at
/// <see cref="GreenhouseData.Now"/>.</summary>
public sealed class GreenhouseEngines : IAsyncDisposable
{
    private readonly SqlSource _source;
    private readonly string? _path;

    private GreenhouseEngines(SqlSource source, string? path, bool sqlite)
    {
        _source = source;
        _path = path;
        Sqlite = sqlite;
    }

    /// <summary>Whether the rows live in SQLite (which has no NaN and no -0.0).</summary>
    public bool Sqlite { get; }

    /// <summary>The database the engines read.</summary>
    public SqlSource Source => _source;

    public static async Task<GreenhouseEngines> CreateAsync(string store)
    {
        if (store == "duckdb") return new GreenhouseEngines(await GreenhouseData.DuckDbAsync(), null, sqlite: false);
        var path = Path.Combine(Path.GetTempPath(), $"chalk-greenhouse-{Guid.NewGuid():N}.db");
        return new GreenhouseEngines(await GreenhouseData.SqliteAsync(path), path, sqlite: true);
    }

    /// <summary>A builder over this database with the feature classes and their files; the clock is <paramref name="clock"/>
    /// (by default one stopped at <see cref="GreenhouseData.Now"/>).</summary>
    public ChalkEngineBuilder Builder(bool lifting, TimeProvider? clock = null)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(GhSite), typeof(GhBay), typeof(GhSensor), typeof(GhReading), typeof(GhResolvers))
            .WithTimeProvider(clock ?? new ManualClock(new DateTimeOffset(GreenhouseData.Now)))
            .AddSource("gh", _source, disposeWithEngine: false);
        var files = GreenhouseData.Sql("gh");
        for (int i = 0; i < files.Length; i++) builder.AddSqlResolver($"greenhouse{i}.chalk.sql", files[i]);
        return lifting ? builder : builder.DisableLifting();
    }

    public ChalkEngine Build(bool lifting) => Builder(lifting).Build();

    /// <summary>A batch of keys of <paramref name="keyName"/> (null for a null key), each with its query time in the column <c>at</c>.</summary>
    public static RecordBatch Inputs(string keyName, IReadOnlyList<(long? Key, DateTime At)> rows)
    {
        var keys = new Int64Array.Builder();
        foreach (var (key, _) in rows)
            if (key is null) keys.AppendNull(); else keys.Append(key.Value);
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var (_, at) in rows) times.Append(new DateTimeOffset(at, TimeSpan.Zero));
        var k = keys.Build();
        var t = times.Build();
        return new RecordBatch(new Schema([new Field(keyName, Int64Type.Default, true), new Field("at", t.Data.DataType, false)], null), [k, t], k.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        if (_path is null) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>One database and one engine over it for a fixture's tests: the database kind and whether resolvers are
/// lifted come from the fixture's arguments.</summary>
public abstract class GreenhouseEngineFixture(string store, bool lifting)
{
    protected string Store => store;

    protected bool Lifting => lifting;

    protected GreenhouseEngines Greenhouse { get; private set; } = null!;

    protected ChalkEngine Engine { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateEngine()
    {
        Greenhouse = await GreenhouseEngines.CreateAsync(store);
        Engine = Greenhouse.Build(lifting);
    }

    [OneTimeTearDown]
    public async Task DisposeEngine()
    {
        await Engine.DisposeAsync();
        await Greenhouse.DisposeAsync();
    }
}
