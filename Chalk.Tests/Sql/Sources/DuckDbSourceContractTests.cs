using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

/// <summary>The source contract against the embedded DuckDB source, so all four sources are held to the same tests.</summary>
public sealed class DuckDbSourceContractTests : SqlSourceContract
{
    private DuckDbSource? _duck;

    protected override IArrowType RealType => FloatType.Default;

    protected override IArrowType IntegerType => Int32Type.Default;

    protected override bool GroupsByParameterRow => false;

    protected override string SlowSql => "select count(*) as n from range(100000000000) a";

    protected override Task ExecuteAsync(string sql)
    {
        _duck ??= new DuckDbSource("Data Source=:memory:");
        return _duck.UseConnectionAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        });
    }

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(_duck!);
}

/// <summary>DuckDB's parameter table for many rows: a duration, which the chunk loader would write as microseconds while
/// the statement reads an INTERVAL, goes through the per-value appender and still matches.</summary>
public sealed class DuckDbDurationParameterRowsTests
{
    [Test]
    public async Task Many_duration_parameter_rows_find_the_rows_their_time_offsets_name()
    {
        await using var duck = new DuckDbSource("Data Source=:memory:");
        await duck.UseConnectionAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "create table t as select i as id, TIMESTAMP '2024-03-01 00:00:00' + i * interval 1 minute as created from range(20) r(i)";
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        var query = SqlText.Query("select id from t where created = TIMESTAMP '2024-03-01 00:00:00' + {0}", DurationType.Microsecond);
        var minutes = new long[] { 3, 0, 19, 7, 25, 7, 11, 2, 5, 13, 1, 4 };
        var micros = new ArrowBuffer.Builder<long>().AppendRange(minutes.Select(m => m * 60_000_000L)).Build();
        var parameters = SqlText.Batch(new DurationArray(DurationType.Microsecond, micros, ArrowBuffer.Empty, minutes.Length, 0, 0));
        using var result = await duck.QueryAsync(query, parameters);
        var rows = SqlText.Rows(result).OrderBy(r => r.Row).Select(r => (r.Row, Convert.ToInt64(r.Values[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(rows, Is.EqualTo(minutes.Select((m, i) => (i, m)).Where(x => x.m < 20)));
    }
}
