using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using Chalk.Sql.Sources;
using Chalk.Sql.Templates;
using Chalk.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chalk.Benchmarks.Sources;

/// <summary>
/// Online point lookup through each source: a one-row resolver (<c>select … from users where id = ${user.id}</c>)
/// over a 10,000-row table with a primary key, one parameter row per call; and the same resolver for a batch of
/// 100 parameter rows, which shows each source's many-row strategy.
/// </summary>
/// <remarks>
/// PostgreSQL is a throwaway local server (TCP on 127.0.0.1); BigQuery is the loopback fake
/// (HTTP + JSON + DuckDB underneath), so its numbers measure the client's REST path, not Google's service.
/// Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*SourceLookup*'</c>.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class SourceLookupBenchmarks
{
    private const int Rows = 10_000;
    private const int BatchRows = 100;

    private readonly string _sqlitePath = Path.Combine(Path.GetTempPath(), $"chalk-bench-{Guid.NewGuid():N}.db");
    private PostgresServer? _postgres;
    private FakeBigQueryServer? _bigQuery;
    private DuckDbSource? _duck;
    private SqliteSource? _sqlite;
    private PostgresSource? _pg;
    private BigQuerySource? _bq;
    private RecordBatch[] _single = [];
    private RecordBatch? _batch;
    private int _next;

    private static readonly SqlQuery s_lookup = new(
        "bench-lookup",
        new SqlTemplate([SqlSegment.Literal("select id, name, spend, active, created from users where id = "), SqlSegment.Parameter(0)], 1),
        [Int64Type.Default],
        "bench/users.chalk.sql");

    private const string Create = "create table users (id bigint primary key, name text, spend double precision, active boolean, created timestamp)";

    private static string Fill(string series) =>
        $"insert into users select i, 'user ' || i, i * 1.25, i % 3 = 0, timestamp '2024-01-01 00:00:00' + i * interval '1 minute' from {series}";

    [GlobalSetup]
    public async Task SetUp()
    {
        _duck = new DuckDbSource("Data Source=:memory:");
        await _duck.UseConnectionAsync(c =>
        {
            foreach (var sql in new[] { Create, Fill($"range({Rows}) r(i)") })
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
            }
            return Task.CompletedTask;
        });

        using (var connection = new SqliteConnection($"Data Source={_sqlitePath};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Create + ";" +
                $"with recursive s(i) as (select 0 union all select i + 1 from s where i < {Rows - 1}) " +
                "insert into users select i, 'user ' || i, i * 1.25, i % 3 = 0, datetime('2024-01-01', '+' || i || ' minutes') from s";
            cmd.ExecuteNonQuery();
        }
        _sqlite = new SqliteSource("Data Source=" + _sqlitePath);

        _postgres = PostgresServer.Start();
        await using (var connection = new NpgsqlConnection(_postgres.ConnectionString()))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand(Create + ";" + Fill($"generate_series(0, {Rows - 1}) g(i)") + "; analyze users", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        _pg = new PostgresSource(_postgres.ConnectionString());

        _bigQuery = new FakeBigQueryServer();
        _bigQuery.Execute(Create);
        _bigQuery.Execute(Fill($"range({Rows}) r(i)"));
        _bq = new BigQuerySource(new BigQuerySourceOptions
        {
            ProjectId = _bigQuery.ProjectId,
            Location = _bigQuery.Location,
            Endpoint = _bigQuery.Endpoint,
            Credentials = BigQueryCredentials.None,
        });

        var random = new Random(42);
        _single = Enumerable.Range(0, 1024).Select(_ => Ids(random.Next(Rows))).ToArray();
        _batch = Ids(Enumerable.Range(0, BatchRows).Select(_ => (long)random.Next(Rows)).ToArray());
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        foreach (var s in new SqlSource?[] { _duck, _sqlite, _pg, _bq }) if (s is not null) await s.DisposeAsync();
        _bigQuery?.Dispose();
        _postgres?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_sqlitePath);
    }

    [Benchmark(Description = "DuckDB 1 row")]
    public Task<long> DuckDbLookup() => LookupAsync(_duck!);

    [Benchmark(Description = "SQLite 1 row")]
    public Task<long> SqliteLookup() => LookupAsync(_sqlite!);

    [Benchmark(Description = "PostgreSQL 1 row")]
    public Task<long> PostgresLookup() => LookupAsync(_pg!);

    [Benchmark(Description = "BigQuery (fake) 1 row")]
    public Task<long> BigQueryLookup() => LookupAsync(_bq!);

    [Benchmark(Description = "DuckDB 100 rows")]
    public Task<long> DuckDbBatch() => BatchAsync(_duck!);

    [Benchmark(Description = "SQLite 100 rows")]
    public Task<long> SqliteBatch() => BatchAsync(_sqlite!);

    [Benchmark(Description = "PostgreSQL 100 rows")]
    public Task<long> PostgresBatch() => BatchAsync(_pg!);

    [Benchmark(Description = "PostgreSQL 100 x 1 row")]
    public async Task<long> PostgresOneByOne()
    {
        long total = 0;
        for (int i = 0; i < BatchRows; i++) total += await LookupAsync(_pg!);
        return total;
    }

    [Benchmark(Description = "BigQuery (fake) 100 rows")]
    public Task<long> BigQueryBatch() => BatchAsync(_bq!);

    private async Task<long> LookupAsync(SqlSource source)
    {
        var parameters = _single[_next++ & (_single.Length - 1)];
        using var result = await source.QueryAsync(s_lookup, parameters).ConfigureAwait(false);
        return result.RowCount;
    }

    private async Task<long> BatchAsync(SqlSource source)
    {
        using var result = await source.QueryAsync(s_lookup, _batch!).ConfigureAwait(false);
        return result.RowCount;
    }

    private static RecordBatch Ids(params long[] ids)
    {
        var b = new Int64Array.Builder();
        foreach (var id in ids) b.Append(id);
        return new RecordBatch(new Schema([new Field("user.id", Int64Type.Default, false)], null), [b.Build()], ids.Length);
    }
}
