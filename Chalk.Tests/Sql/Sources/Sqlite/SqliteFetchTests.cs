using System.Diagnostics;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Sql.Sources.Sqlite;

/// <summary>Many rows of every column type, with nulls, through the SQLite source: across result batches, for one
/// statement per key and for a JSON list of keys, for declared columns and for expressions whose type comes from the
/// values; and a locked database. Domain: weather stations and their readings, every value a formula of the row id.</summary>
public sealed class SqliteFetchTests
{
    private const int Readings = 9_000;
    private static readonly DateTime s_epoch = DateTime.UnixEpoch;
    private readonly ScratchSqlite _file = new("chalk-sqlite-fetch");
    private SqliteSource _source = null!;

    [OneTimeSetUp]
    public async Task CreateReadings()
    {
        // Half the timestamps are Unix seconds, half ISO-8601 text: SQLite keeps each as it was written.
        await _file.ExecuteAsync($"""
            create table readings (id integer primary key, station_id INTEGER not null, celsius REAL, label TEXT,
                calibrated BOOLEAN, taken_at TIMESTAMP);
            create index readings_station on readings(station_id);
            with recursive s(i) as (select 1 union all select i + 1 from s where i < {Readings})
            insert into readings select i, i % 97,
                case when i % 11 = 0 then null else i * 0.25 - 300 end,
                case when i % 13 = 0 then null else 'r' || i || ' ☂' end,
                case when i % 7 = 0 then null else i % 2 end,
                case when i % 17 = 0 then null when i % 2 = 0 then 1700000000 + i else datetime(1700000000 + i, 'unixepoch') end
            from s;
            """);
        _source = new SqliteSource(_file.ConnectionString, TimeSpan.FromSeconds(1));
    }

    [OneTimeTearDown]
    public async Task DeleteFile()
    {
        await _source.DisposeAsync();
        _file.Delete();
    }

    private static object?[] Expected(long i) =>
    [
        i, i % 97,
        i % 11 == 0 ? null : i * 0.25 - 300,
        i % 13 == 0 ? null : $"r{i} ☂",
        i % 7 == 0 ? null : i % 2 == 1,
        i % 17 == 0 ? null : s_epoch.AddSeconds(1700000000 + i),
    ];

    private static void AssertReadings(List<(int Row, object?[] Values)> rows, Func<long, int> parameterRow)
    {
        foreach (var (row, values) in rows)
        {
            long id = (long)values[0]!;
            Assert.That(row, Is.EqualTo(parameterRow(id)), $"parameter row of reading {id}");
            Assert.That(values, Is.EqualTo(Expected(id)), $"reading {id}");
        }
    }

    [Test]
    public async Task A_json_list_of_keys_returns_every_reading_of_those_stations_with_its_values()
    {
        var stations = Enumerable.Range(0, 97).Where(s => s % 3 != 1).Select(s => (long)s).ToArray();
        var query = SqlText.Query(
            "select id, station_id, celsius, label, calibrated, taken_at from readings where station_id in (select value from json_each({0})) order by id",
            StringType.Default);
        using var result = await _source.QueryAsync(query, SqlText.Strings("[" + string.Join(",", stations) + "]"));
        Assert.That(result.Batches, Has.Count.GreaterThan(1), "several result batches");
        Assert.That(result.Schema.FieldsList.Skip(1).Select(f => f.DataType.TypeId), Is.EqualTo(new[]
        {
            ArrowTypeId.Int64, ArrowTypeId.Int64, ArrowTypeId.Double, ArrowTypeId.String, ArrowTypeId.Boolean, ArrowTypeId.Timestamp,
        }));
        var rows = SqlText.Rows(result);
        Assert.That(rows.Select(r => (long)r.Values[0]!), Is.EqualTo(Enumerable.Range(1, Readings).Where(i => i % 97 % 3 != 1).Select(i => (long)i)));
        AssertReadings(rows, _ => 0);
    }

    [Test]
    public async Task One_statement_per_key_tags_each_reading_with_its_parameter_row()
    {
        long?[] stations = [5, null, 96, 5, 200];
        var query = SqlText.Query("select id, station_id, celsius, label, calibrated, taken_at from readings where station_id = {0} order by id", Int64Type.Default);
        using var result = await _source.QueryAsync(query, SqlText.Longs(stations));
        var rows = SqlText.Rows(result);
        Assert.That(rows, Has.Count.EqualTo(2 * Enumerable.Range(1, Readings).Count(i => i % 97 == 5) + Enumerable.Range(1, Readings).Count(i => i % 97 == 96)));
        Assert.That(rows.Select(r => r.Row).Distinct(), Is.EqualTo(new[] { 0, 2, 3 }));
        foreach (var (row, values) in rows) Assert.That(values, Is.EqualTo(Expected((long)values[0]!)), $"reading {values[0]}");
        Assert.That(rows.All(r => (long)r.Values[1]! == stations[r.Row]));
    }

    [Test]
    public async Task Expressions_take_their_type_from_the_values_of_every_row()
    {
        // 'mixed' is an integer on most rows and a real on some: the whole column is float64, integers widened.
        var query = SqlText.Query("""
            select id * 2 as twice, case when id % 5 = 0 then id + 0.5 when id % 3 = 0 then null else id end as mixed,
                   upper(label) as shout, null as nada
            from readings order by id
            """);
        using var result = await _source.QueryAsync(query, SqlText.NoParameters());
        Assert.That(result.Schema.FieldsList.Skip(1).Select(f => f.DataType.TypeId),
            Is.EqualTo(new[] { ArrowTypeId.Int64, ArrowTypeId.Double, ArrowTypeId.String, ArrowTypeId.Null }));
        var rows = SqlText.Rows(result);
        Assert.That(rows, Has.Count.EqualTo(Readings));
        for (int i = 1; i <= Readings; i++)
        {
            object?[] expected = [i * 2L, i % 5 == 0 ? i + 0.5 : i % 3 == 0 ? null : (double)i, i % 13 == 0 ? null : $"R{i} ☂", null];
            Assert.That(rows[i - 1].Values, Is.EqualTo(expected), $"reading {i}");
        }
    }

    [Test]
    public async Task An_expression_yielding_a_blob_is_an_error_naming_the_column()
    {
        var query = SqlText.Query("select id, case when id = 4000 then x'00' else id end as raw from readings");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => _source.QueryAsync(query, SqlText.NoParameters()));
        Assert.That(ex!.Message, Does.Contain("'raw'").And.Contain("BLOB"));
    }

    [Test]
    public async Task A_locked_database_fails_as_transient_after_the_timeout_and_the_source_then_recovers()
    {
        var query = SqlText.Query("select label from readings where id = {0}", Int64Type.Default);
        await using (var locker = new SqliteConnection(_file.ConnectionString + ";Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var exclusive = locker.CreateCommand())
            {
                exclusive.CommandText = "begin exclusive";
                await exclusive.ExecuteNonQueryAsync();
            }
            var waited = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => _source.QueryAsync(query, SqlText.Longs(1, 2)));
            Assert.That(ex!.IsTransient, Is.True, ex.Message);
            Assert.That(waited.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "waited for the lock");
            await using var rollback = locker.CreateCommand();
            rollback.CommandText = "rollback";
            await rollback.ExecuteNonQueryAsync();
        }
        using var result = await _source.QueryAsync(query, SqlText.Longs(1, 2));
        Assert.That(SqlText.Rows(result).Select(r => r.Values[0]), Is.EqualTo(new[] { "r1 ☂", "r2 ☂" }));
    }

    [Test]
    public async Task Long_empty_and_nul_holding_text_parameters_are_bound_whole()
    {
        // A station code longer than 512 bytes with a NUL in it, the same code cut at the NUL, and an empty code.
        string prefix = new('n', 600);
        await _file.ExecuteAsync($"create table station_codes (id integer primary key, code TEXT); " +
            $"insert into station_codes values (1, '{prefix}' || char(0) || 'east'), (2, '{prefix}'), (3, ''), (4, null)");
        var query = SqlText.Query("select id from station_codes where code = {0}", StringType.Default);
        using var result = await _source.QueryAsync(query, SqlText.Strings(prefix + "\0east", prefix, "", null));
        Assert.That(SqlText.Rows(result).Select(r => (r.Row, r.Values[0])), Is.EqualTo(new[] { (0, (object?)1L), (1, 2L), (2, 3L) }));
    }
}
