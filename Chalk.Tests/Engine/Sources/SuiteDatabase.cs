using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chalk.Tests.Engine.Sources;

/// <summary>One of the four sources seeded with <see cref="SuiteData"/>, and engines over it.</summary>
internal sealed class SuiteDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask> _cleanup;

    private SuiteDatabase(string kind, SqlSource source, Func<ValueTask> cleanup)
    {
        Kind = kind;
        Source = source;
        _cleanup = cleanup;
    }

    public string Kind { get; }

    public SqlSource Source { get; }

    /// <summary>Whether <c>Build()</c> knows the type of an expression column (DuckDB and PostgreSQL describe every statement).</summary>
    public bool DescribesExpressions => Kind is "duckdb" or "postgres";

    /// <summary>A Store resolver that runs until cancelled, in the source's dialect.</summary>
    public string SlowStoreSql => "-- resolves: Store\n-- source: db\nselect id, name from stores where id = ${store.id} and " + Kind switch
    {
        "duckdb" => "(select count(*) from range(100000000000) a) > 0",
        "sqlite" => "(with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000000000) select count(*) from c) > 0",
        "postgres" => "(select count(*) from pg_sleep(30)) > 0",
        _ => "id /*never*/ = id",
    };

    public static async Task<SuiteDatabase> CreateAsync(string kind)
    {
        switch (kind)
        {
            case "duckdb":
            {
                var source = new DuckDbSource("Data Source=:memory:");
                await source.UseConnectionAsync(c =>
                {
                    foreach (var sql in SuiteData.Seed())
                    {
                        using var cmd = c.CreateCommand();
                        cmd.CommandText = sql;
                        cmd.ExecuteNonQuery();
                    }
                    return Task.CompletedTask;
                });
                return new SuiteDatabase(kind, source, () => source.DisposeAsync());
            }
            case "sqlite":
            {
                var path = Path.Combine(Path.GetTempPath(), $"chalk-suite-{Guid.NewGuid():N}.db");
                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync();
                    foreach (var sql in SuiteData.Seed())
                    {
                        await using var cmd = connection.CreateCommand();
                        cmd.CommandText = sql;
                        await cmd.ExecuteNonQueryAsync();
                    }
                }
                var source = new SqliteSource("Data Source=" + path);
                return new SuiteDatabase(kind, source, async () =>
                {
                    await source.DisposeAsync();
                    SqliteConnection.ClearAllPools();
                    File.Delete(path);
                });
            }
            case "postgres":
            {
                var server = PostgresServer.Shared;
                var database = "suite_" + Guid.NewGuid().ToString("N")[..12];
                await using (var admin = new NpgsqlConnection(server.ConnectionString() + ";Pooling=false"))
                {
                    await admin.OpenAsync();
                    await using var create = new NpgsqlCommand($"create database {database}", admin);
                    await create.ExecuteNonQueryAsync();
                }
                await SeedPostgresAsync(server.ConnectionString(database));
                var source = new PostgresSource(server.ConnectionString(database));
                return new SuiteDatabase(kind, source, () => source.DisposeAsync());
            }
            case "bigquery":
            {
                var server = new FakeBigQueryServer();
                foreach (var sql in SuiteData.Seed()) server.Execute(sql);
                var source = new BigQuerySource(new BigQuerySourceOptions
                {
                    ProjectId = server.ProjectId,
                    Location = server.Location,
                    Endpoint = server.Endpoint,
                    Credentials = BigQueryCredentials.None,
                    PageSize = 2,
                    PollTimeout = TimeSpan.FromMilliseconds(200),
                });
                return new SuiteDatabase(kind, source, async () =>
                {
                    await source.DisposeAsync();
                    server.Dispose();
                });
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "duckdb, sqlite, postgres or bigquery");
        }
    }

    public static async Task SeedPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        foreach (var sql in SuiteData.Seed())
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>An engine over the suite's classes and resolvers (or the given ones instead) on this source.</summary>
    public ChalkEngine BuildEngine(params (string Name, string Text)[] resolvers) => Builder(Source, resolvers).Build();

    public static ChalkEngineBuilder Builder(SqlSource source, params (string Name, string Text)[] resolvers)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Store), typeof(Customer), typeof(Purchase), typeof(Basket), typeof(SuiteResolvers))
            .AddSource("db", source, disposeWithEngine: false);
        foreach (var (name, text) in resolvers.Length == 0 ? SuiteData.Resolvers : resolvers) builder.AddSqlResolver(name, text);
        return builder;
    }

    public ValueTask DisposeAsync() => _cleanup();
}
