using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Benchmarks.Support;
using Chalk.Examples.Marketplace;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Chalk.Benchmarks.Sources;

/// <summary>
/// The marketplace online queries with the example's tables (its catalogue's too) in DuckDB, SQLite and PostgreSQL, reusing the
/// example's <c>.chalk.sql</c> files unchanged: one query per iteration, so P50/P99 are per-query latencies.
/// </summary>
/// <remarks>
/// <para>SQLite and PostgreSQL are loaded from an in-memory DuckDB seeded with <c>resolvers/marketplace/seed.sql</c>,
/// with a primary key on every <c>id</c> and an index on every foreign key (DuckDB runs the example as shipped).
/// PostgreSQL is a throwaway local server (<see cref="PostgresServer"/>, TCP on 127.0.0.1) stopped in cleanup.</para>
/// <para>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*MarketplaceSource*'</c>.</para>
/// </remarks>
[Config(typeof(Config))]
public class MarketplaceSourceBenchmarks
{
    private ChalkEngine? _engine;
    private SqlSource? _source;
    private PostgresServer? _postgres;
    private string? _sqlitePath;
    private Dictionary<string, object?> _review = null!;
    private long _next;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(50).WithIterationCount(1000).WithLaunchCount(1));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }

    /// <summary>Which database holds the marketplace tables.</summary>
    [Params("DuckDB", "SQLite", "PostgreSQL")]
    public string Source { get; set; } = "DuckDB";

    [GlobalSetup]
    public async Task SetUp()
    {
        _review = new Dictionary<string, object?> { ["review.id"] = 241L };
        if (Source == "DuckDB")
        {
            _engine = await MarketplaceSetup.BuildEngineAsync();
            return;
        }
        using var seeded = new DuckDBConnection("Data Source=:memory:");
        seeded.Open();
        using (var seed = seeded.CreateCommand())
        {
            seed.CommandText = await MarketplaceSetup.SeedScriptAsync();
            seed.ExecuteNonQuery();
        }
        if (Source == "SQLite")
        {
            _sqlitePath = Path.Combine(Path.GetTempPath(), $"chalk-marketplace-{Guid.NewGuid():N}.db");
            using (var connection = new SqliteConnection($"Data Source={_sqlitePath};Pooling=False"))
            {
                connection.Open();
                Copy(seeded, connection, sqlite: true);
            }
            _source = new SqliteSource("Data Source=" + _sqlitePath);
        }
        else
        {
            _postgres = PostgresServer.Start();
            using (var connection = new NpgsqlConnection(_postgres.ConnectionString()))
            {
                connection.Open();
                Copy(seeded, connection, sqlite: false);
            }
            _source = new PostgresSource(_postgres.ConnectionString());
        }
        _engine = MarketplaceSetup.Example(_source).Build();
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        if (_engine is not null) await _engine.DisposeAsync();
        if (_source is not null) await _source.DisposeAsync();
        _postgres?.Dispose();
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_sqlitePath);
        }
    }

    /// <summary>The README's query: one SQL lookup (a table file filtered by id) and one C# resolver.</summary>
    [Benchmark(Baseline = true)]
    public Task<OnlineResult> NormalizedRating()
    {
        _review["review.id"] = 1 + (_next++ % 20000);
        return _engine!.QueryAsync(_review, ["review.normalized_rating"]);
    }

    /// <summary>Eight features through three has-one joins, a has-many fetch and four fallbacks.</summary>
    [Benchmark]
    public Task<OnlineResult> ReviewWide()
    {
        _review["review.id"] = 1 + (_next++ % 20000);
        return _engine!.QueryAsync(_review, [
            "review.normalized_rating", "review.user.display_name", "review.product.average_rating", "review.sentiment_score",
            "review.product.seller.name", "review.is_positive", "review.user.marketplace_username", "review.product.seller.is_top_rated"]);
    }

    // Every marketplace_* and catalog_* table of the seeded DuckDB, with the same column types, a primary key on id and an index per *_id column.
    private static void Copy(DuckDBConnection from, DbConnection to, bool sqlite)
    {
        var tables = new List<(string Table, List<(string Name, string Type)> Columns)>();
        using (var cmd = from.CreateCommand())
        {
            cmd.CommandText = "select table_name, column_name, data_type from information_schema.columns where table_name like 'marketplace_%' or table_name like 'catalog_%' order by table_name, ordinal_position";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var table = reader.GetString(0);
                if (tables.Count == 0 || tables[^1].Table != table) tables.Add((table, []));
                tables[^1].Columns.Add((reader.GetString(1), reader.GetString(2)));
            }
        }
        foreach (var (table, columns) in tables)
        {
            Execute(to, $"create table {table} ({string.Join(", ", columns.Select(c => $"{c.Name} {TypeOf(c.Type)}{(c.Name == "id" ? " primary key" : "")}"))})");
            using var tx = to.BeginTransaction();
            using var insert = to.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"insert into {table} values ({string.Join(", ", columns.Select((_, i) => sqlite ? "$p" + i : "$" + (i + 1)))})";
            var parameters = columns.Select((_, i) =>
            {
                var p = insert.CreateParameter();
                if (sqlite) p.ParameterName = "$p" + i;
                insert.Parameters.Add(p);
                return p;
            }).ToArray();
            using (var select = from.CreateCommand())
            {
                select.CommandText = $"select * from {table}";
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    for (int i = 0; i < columns.Count; i++)
                    {
                        object value = reader.IsDBNull(i) ? DBNull.Value : reader.GetValue(i);
                        if (sqlite && value is DateTime t) value = t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
                        parameters[i].Value = value;
                    }
                    insert.ExecuteNonQuery();
                }
            }
            tx.Commit();
            foreach (var (name, _) in columns.Where(c => c.Name.EndsWith("_id", StringComparison.Ordinal)))
                Execute(to, $"create index {table}_{name} on {table} ({name})");
        }
        if (!sqlite) Execute(to, "analyze");
    }

    private static string TypeOf(string duckType) => duckType switch
    {
        "BIGINT" => "bigint",
        "INTEGER" => "integer",
        "DOUBLE" => "double precision",
        "BOOLEAN" => "boolean",
        "VARCHAR" => "text",
        "TIMESTAMP" => "timestamp",
        _ => throw new InvalidOperationException($"no portable type for DuckDB {duckType}"),
    };

    private static void Execute(DbConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
