using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using Chalk.Expressions;
using Chalk.Sql.Arrow;
using Chalk.Sql.Sources;
using Chalk.Sql.Templates;
using Microsoft.Data.Sqlite;

namespace Chalk.Benchmarks.Sources;

/// <summary>
/// A has-many fetch from SQLite as the engine runs it: every child row of a JSON list of parent keys in one statement
/// (<c>… where depot_id in (select value from json_each($p1))</c>), five columns of every type the logistics
/// incidents have (integer key and foreign key, text, real, a timestamp stored as Unix seconds), into Arrow batches.
/// </summary>
/// <remarks>
/// <para><c>BoxedReads</c> is how the source read before it read cells by storage class: Microsoft.Data.Sqlite's
/// reader, each cell a boxed <c>GetValue</c> into a row array, then converted into the column builders. <c>Source</c> is
/// <see cref="SqliteSource.QueryAsync"/> today. Both build the same batches (checked in setup).</para>
/// <para>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*SqliteChildFetch*'</c>.</para>
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 9)]
public class SqliteChildFetchBenchmarks
{
    // The statement the engine writes for a has-many fetch by a list of keys, around its one parameter.
    private const string Before = "select t.id, t.depot_id, t.severity, t.cost, t.created_at from (select id, depot_id, severity, cost, created_at from incidents) as t " +
        "where t.depot_id in (select value from json_each(";
    private const string After = "))";

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"chalk-bench-fetch-{Guid.NewGuid():N}.db");
    private SqliteSource _source = null!;
    private SqliteConnection _connection = null!;
    private SqliteCommand _command = null!;
    private SqlQuery _query = null!;
    private RecordBatch _keys = null!;

    /// <summary>Child rows fetched per call (one parent key per ten of them).</summary>
    [Params(20_000, 200_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        int parents = Rows / 10;
        using (var create = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            create.Open();
            using var cmd = create.CreateCommand();
            cmd.CommandText = "create table incidents(id INTEGER PRIMARY KEY, depot_id INTEGER NOT NULL, severity TEXT NOT NULL, cost REAL NOT NULL, created_at TIMESTAMP NOT NULL);" +
                "create index incidents_depot on incidents(depot_id);" +
                $"with recursive s(i) as (select 1 union all select i + 1 from s where i < {Rows}) " +
                $"insert into incidents select i, (i * 7919) % {parents}, case i % 3 when 0 then 'low' when 1 then 'medium' else 'high' end, " +
                "(i % 1000) * 1.5, 1700000000 + i * 60 from s";
            cmd.ExecuteNonQuery();
        }
        _source = new SqliteSource("Data Source=" + _path);
        _query = new SqlQuery("bench-fetch", new SqlTemplate([SqlSegment.Literal(Before), SqlSegment.Parameter(0), SqlSegment.Literal(After)], 1),
            [StringType.Default], "bench/incidents.chalk.sql");
        var json = "[" + string.Join(",", Enumerable.Range(0, parents)) + "]";
        _keys = new RecordBatch(new Schema([new Field("p0", StringType.Default, true)], null), [new StringArray.Builder().Append(json).Build()], 1);
        _connection = new SqliteConnection("Data Source=" + _path);
        _connection.Open();
        _command = _connection.CreateCommand();
        _command.CommandText = Before + "$p1" + After;
        _command.Parameters.AddWithValue("$p1", json);
        _command.Prepare();
        using var a = await Source();
        using var b = BoxedReads();
        if (a.RowCount != Rows || b.RowCount != Rows) throw new InvalidOperationException($"fetched {a.RowCount} and {b.RowCount} rows, not {Rows}");
        for (int i = 0; i < a.Batches.Count; i++)
            for (int c = 0; c < a.Schema.FieldsList.Count; c++)
                for (int r = 0; r < a.Batches[i].Length; r++)
                    if (!Equals(ArrowValues.Get(a.Batches[i].Column(c), r), ArrowValues.Get(b.Batches[i].Column(c), r)))
                        throw new InvalidOperationException($"batch {i} column {c} row {r} differs");
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        _command.Dispose();
        _connection.Dispose();
        await _source.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    /// <summary>The source as it is: each cell read by its storage class into its builder.</summary>
    [Benchmark]
    public Task<SqlResult> Source() => _source.QueryAsync(_query, _keys);

    /// <summary>The reading before: boxed values per row, converted afterwards.</summary>
    [Benchmark(Baseline = true)]
    public SqlResult BoxedReads()
    {
        var rows = new List<object?[]>();
        using (var reader = _command.ExecuteReader())
        {
            while (reader.Read())
            {
                var cells = new object?[reader.FieldCount];
                for (int c = 0; c < cells.Length; c++) cells[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
                rows.Add(cells);
            }
        }
        var builder = new ResultBatchBuilder(["id", "depot_id", "severity", "cost", "created_at"],
            [Int64Type.Default, Int64Type.Default, StringType.Default, DoubleType.Default, ArrowTypes.Timestamp]);
        foreach (var cells in rows)
        {
            builder.BeginRow(0);
            for (int c = 0; c < 4; c++) builder.Column(c).Append(cells[c]);
            builder.Column(4).Append(cells[4] is long seconds ? DateTime.UnixEpoch.AddSeconds(seconds) : cells[4]);
        }
        return builder.Build();
    }
}
