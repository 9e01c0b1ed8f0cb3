using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;
using Chalk.Expressions;

namespace Chalk.Tests.Sql.Sources;

/// <summary>The statement DuckDB prepares once and runs many times: every parameter type it binds arrives as DuckDB.NET's
/// command would deliver it, results come back as the same Arrow values, and errors are DuckDB's words.</summary>
public sealed class DuckDbPreparedStatementTests
{
    private DuckDBConnection _connection = null!;

    [SetUp]
    public void SetUp()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
    }

    [TearDown]
    public void TearDown() => _connection.Dispose();

    private static readonly object?[][] Values =
    [
        [0L, long.MinValue, long.MaxValue, -1L],
        [0, int.MinValue, int.MaxValue],
        [0.0, -0.0, double.NaN, double.PositiveInfinity, double.Epsilon, -1e308],
        [1.5f, float.NegativeInfinity],
        [true, false],
        [new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(-10), DateTime.UnixEpoch, new DateTime(2026, 12, 7, 1, 2, 3).AddTicks(1234560), DateTime.MinValue, DateTime.MaxValue.AddTicks(-9)],
        [null],
    ];

    [Test]
    public void Every_bound_value_comes_back_as_the_command_path_returns_it_run_after_run()
    {
        foreach (var (value, type) in Values.SelectMany(v => v).Select(v => (v, TypeOf(v))))
        {
            var sql = $"select $1::{type} as v";
            using var statement = DuckDbPreparedStatement.Prepare(_connection, sql);
            for (int run = 0; run < 3; run++)
            {
                statement.Bind(0, value);
                var batches = new List<RecordBatch>();
                var schema = statement.Execute(batches.Add);
                Assert.That(schema.FieldsList.Single().Name, Is.EqualTo("v"));
                Assert.That(ArrowValues.Get(batches.Single().Column(0), 0), Is.EqualTo(ViaCommand(sql, value)), $"{value ?? "null"} as {type}, run {run}");
                foreach (var b in batches) b.Dispose();
            }
        }
    }

    [Test]
    public void Strings_bound_as_bytes_keep_nul_and_every_code_point()
    {
        using var statement = DuckDbPreparedStatement.Prepare(_connection, "select decode($1) as s, octet_length($1) as n");
        foreach (var s in new[] { "", "a\0b", "\0", "héllo 🌍", new string('x', 5000) })
        {
            statement.Bind(0, System.Text.Encoding.UTF8.GetBytes(s));
            var batches = new List<RecordBatch>();
            statement.Execute(batches.Add);
            Assert.That(((StringArray)batches[0].Column(0)).GetString(0), Is.EqualTo(s));
            Assert.That(ArrowValues.Get(batches[0].Column(1), 0), Is.EqualTo((long)System.Text.Encoding.UTF8.GetByteCount(s)), "the bytes arrive whole");
        }
    }

    [Test]
    public void A_result_of_many_chunks_arrives_whole_and_in_order()
    {
        using var statement = DuckDbPreparedStatement.Prepare(_connection, "select i from range($1) r(i) order by i");
        statement.Bind(0, 10_000L);
        var batches = new List<RecordBatch>();
        statement.Execute(batches.Add);
        Assert.That(batches, Has.Count.GreaterThan(1), "DuckDB returns 2048-row chunks");
        var all = batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((Int64Array)b.Column(0)).GetValue(i))).ToList();
        Assert.That(all, Is.EqualTo(Enumerable.Range(0, 10_000).Select(i => (long?)i)));
    }

    [Test]
    public void Errors_are_duckdbs_words_and_the_statement_still_runs_afterwards()
    {
        var refused = Assert.Throws<DuckDbStatementException>(() => DuckDbPreparedStatement.Prepare(_connection, "select * from no_such_table"));
        Assert.That(refused!.Message, Does.Contain("no_such_table"));
        using var statement = DuckDbPreparedStatement.Prepare(_connection, "select 10 // $1 as q, error('bad ' || $1) is null as e from range(1) where $1 > 100");
        statement.Bind(0, 1000L);
        var failed = Assert.Throws<DuckDbStatementException>(() => statement.Execute(_ => { }));
        Assert.That(failed!.Message, Does.Contain("bad 1000"));
        statement.Bind(0, 5L);
        var batches = new List<RecordBatch>();
        statement.Execute(batches.Add);
        Assert.That(batches.Sum(b => b.Length), Is.Zero);
        Assert.Throws<NotSupportedException>(() => statement.Bind(0, 1.5m));
    }

    [Test]
    public void Binds_says_which_parameter_types_take_the_native_path()
    {
        Assert.That(DuckDbPreparedStatement.Binds([Int64Type.Default, StringType.Default, new TimestampType(TimeUnit.Microsecond, "UTC")]), Is.True);
        Assert.That(DuckDbPreparedStatement.Binds([new Decimal128Type(10, 2)]), Is.False);
        Assert.That(DuckDbPreparedStatement.Binds([DurationType.Microsecond]), Is.False);
    }

    private static string TypeOf(object? v) => v switch
    {
        long => "BIGINT",
        int => "INTEGER",
        double => "DOUBLE",
        float => "FLOAT",
        bool => "BOOLEAN",
        DateTime => "TIMESTAMP",
        _ => "BIGINT",
    };

    private object? ViaCommand(string sql, object? value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter(value ?? DBNull.Value));
        using var stream = command.ExecuteArrowStream();
        using var batch = stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult()!;
        return ArrowValues.Get(batch.Column(0), 0);
    }
}
