using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;

namespace Chalk.Tests.Sql.Sources;

/// <summary>A read-only DuckDB file keeps its parameter-row statements planned across calls (its data cannot change);
/// a writable database plans each call afresh, so a plan never outlives the statistics it was made with.</summary>
public sealed class DuckDbKeptPlanTests
{
    private const int Shelves = 400;
    private string _folder = null!;
    private string _file = null!;

    [SetUp]
    public void CreateArchive()
    {
        _folder = Directory.CreateTempSubdirectory("chalk-duck-plans-").FullName;
        _file = Path.Combine(_folder, "archive.duckdb");
        Execute(_file, "create table shelves (code varchar, boxes bigint, label varchar); " +
                       $"insert into shelves select 'S' || i, i * 7, case when i % 50 = 0 then 'x' || i else i::varchar end from range({Shelves}) t(i)");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    [Test]
    public async Task Calls_of_one_to_eight_keys_from_many_threads_answer_each_key_on_a_kept_plan()
    {
        await using var source = new DuckDbSource("Data Source=" + _file);
        var query = SqlText.Query("select boxes from shelves where code = {0}", StringType.Default);
        var calls = Enumerable.Range(0, 64).Select(async call =>
        {
            var random = new Random(call);
            for (int round = 0; round < 10; round++)
            {
                // Codes past the table (S400…) find no row; the same statement answers both.
                var codes = Enumerable.Range(0, 1 + random.Next(8)).Select(_ => "S" + random.Next(Shelves + 20)).ToArray();
                using var result = await source.QueryAsync(query, SqlText.Strings(codes));
                var found = SqlText.Rows(result).ToDictionary(r => r.Row, r => (long)r.Values[0]!);
                for (int i = 0; i < codes.Length; i++)
                {
                    int n = int.Parse(codes[i][1..], System.Globalization.CultureInfo.InvariantCulture);
                    Assert.That(found.TryGetValue(i, out var boxes) ? boxes : (long?)null, Is.EqualTo(n < Shelves ? n * 7L : null), codes[i]);
                }
            }
        });
        await Task.WhenAll(calls);
    }

    [Test]
    public async Task Only_statements_over_stored_tables_keep_their_plans()
    {
        await using var source = new DuckDbSource("Data Source=" + _file);
        using (var _ = await source.QueryAsync(SqlText.Query("select boxes from shelves where code = {0}", StringType.Default), SqlText.Strings("S1"))) { }
        Assert.That(source.KeptPlans, Is.EqualTo(1));
        var parquet = Path.Combine(_folder, "loose.parquet");
        await WriteParquetAsync(parquet, "select 'S1' as code, 5::bigint as boxes");
        using (var _ = await source.QueryAsync(SqlText.Query($"select boxes from read_parquet('{parquet}') where code = {{0}}", StringType.Default), SqlText.Strings("S1"))) { }
        Assert.That(source.KeptPlans, Is.EqualTo(1), "a statement over a file is planned per query");
    }

    [Test]
    public async Task A_file_glob_sees_files_added_after_the_statement_first_ran()
    {
        await using var source = new DuckDbSource("Data Source=" + _file);
        var glob = Path.Combine(_folder, "part-*.parquet");
        var query = SqlText.Query($"select sum(boxes)::bigint as total from read_parquet('{glob}') where code = {{0}}", StringType.Default);
        await WriteParquetAsync(Path.Combine(_folder, "part-1.parquet"), "select 'S1' as code, 5::bigint as boxes");
        using (var first = await source.QueryAsync(query, SqlText.Strings("S1")))
            Assert.That(SqlText.Rows(first).Single().Values[0], Is.EqualTo(5L));
        await WriteParquetAsync(Path.Combine(_folder, "part-2.parquet"), "select 'S1' as code, 7::bigint as boxes");
        using var second = await source.QueryAsync(query, SqlText.Strings("S1"));
        Assert.That(SqlText.Rows(second).Single().Values[0], Is.EqualTo(12L));
    }

    [Test]
    public async Task A_view_over_a_file_answers_the_files_current_rows()
    {
        var parquet = Path.Combine(_folder, "counts.parquet");
        await WriteParquetAsync(parquet, "select 'S1' as code, 5::bigint as boxes");
        Execute(_file, $"create view counted as select * from read_parquet('{parquet}')");
        await using var source = new DuckDbSource("Data Source=" + _file);
        var query = SqlText.Query("select boxes from counted where code = {0}", StringType.Default);
        using (var first = await source.QueryAsync(query, SqlText.Strings("S1")))
            Assert.That(SqlText.Rows(first).Single().Values[0], Is.EqualTo(5L));
        await WriteParquetAsync(parquet, "select 'S1' as code, 9::bigint as boxes");
        using var second = await source.QueryAsync(query, SqlText.Strings("S1"));
        Assert.That(SqlText.Rows(second).Single().Values[0], Is.EqualTo(9L));
        Assert.That(source.KeptPlans, Is.Zero);
    }

    private static async Task WriteParquetAsync(string path, string select)
    {
        await using var scratch = new DuckDbSource("Data Source=:memory:");
        await scratch.UseConnectionAsync(c => Run(c, $"copy ({select}) to '{path}' (format parquet)"));
    }

    [Test]
    public async Task A_call_that_fails_leaves_the_next_call_answered_by_a_fresh_plan()
    {
        await using var source = new DuckDbSource("Data Source=" + _file);
        // Every fiftieth label ('x0', 'x50', …) is not a number: the cast fails for that key only.
        var query = SqlText.Query("select label::bigint as n from shelves where code = {0}", StringType.Default);
        for (int round = 0; round < 3; round++)
        {
            using (var ok = await source.QueryAsync(query, SqlText.Strings("S7", "S8")))
                Assert.That(SqlText.Rows(ok).Select(r => r.Values[0]), Is.EqualTo(new object?[] { 7L, 8L }));
            var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(query, SqlText.Strings("S49", "S50")));
            Assert.That(ex!.Message, Does.Contain("resolvers/test.chalk.sql").And.Contain("x50"));
        }
        using var after = await source.QueryAsync(query, SqlText.Strings("S51"));
        Assert.That(SqlText.Rows(after).Single().Values[0], Is.EqualTo(51L));
    }

    [Test]
    public async Task A_cancelled_call_leaves_the_next_call_answered()
    {
        await using var source = new DuckDbSource("Data Source=" + _file);
        var query = SqlText.Query("select boxes from shelves where code = {0}", StringType.Default);
        using (var first = await source.QueryAsync(query, SqlText.Strings("S3"))) Assert.That(SqlText.Rows(first).Single().Values[0], Is.EqualTo(21L));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        Assert.That(() => source.QueryAsync(query, SqlText.Strings("S4"), cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        using var next = await source.QueryAsync(query, SqlText.Strings("S5"));
        Assert.That(SqlText.Rows(next).Single().Values[0], Is.EqualTo(35L));
    }

    [Test]
    public async Task A_kept_plan_reads_the_clock_and_random_afresh_at_each_run()
    {
        // A plan that folded now() or random() into a constant would answer every later query with the first one's time.
        await using var source = new DuckDbSource("Data Source=" + _file);
        var query = SqlText.Query("select epoch_us(now()) as at_us, random() as r, boxes from shelves where code = {0}", StringType.Default);
        var times = new List<long>();
        var randoms = new List<double>();
        for (int run = 0; run < 3; run++)
        {
            using var result = await source.QueryAsync(query, SqlText.Strings("S1"));
            var row = SqlText.Rows(result).Single().Values;
            times.Add((long)row[0]!);
            randoms.Add((double)row[1]!);
            await Task.Delay(20);
        }
        Assert.That(times, Is.Ordered.Ascending.And.Unique, "now() is the time of each run");
        Assert.That(randoms, Is.Unique);
    }

    [Test]
    public async Task A_writable_database_answers_rows_written_after_the_statement_first_ran()
    {
        // Written between calls past the old maximum: a plan kept with the old statistics could prune the new rows.
        await using var source = new DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c => Run(c, "create table shelves (code varchar, boxes bigint); insert into shelves values ('S1', 10), ('S2', 20)"));
        var query = SqlText.Query("select code from shelves where boxes > {0} order by code", Int64Type.Default);
        using (var before = await source.QueryAsync(query, SqlText.Longs(15)))
            Assert.That(SqlText.Rows(before).Select(r => r.Values[0]), Is.EqualTo(new object?[] { "S2" }));
        await source.UseConnectionAsync(c => Run(c, "insert into shelves values ('S3', 1000000)"));
        using var after = await source.QueryAsync(query, SqlText.Longs(100));
        Assert.That(SqlText.Rows(after).Select(r => r.Values[0]), Is.EqualTo(new object?[] { "S3" }));
    }

    private static Task Run(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private static void Execute(string file, string sql)
    {
        using var connection = new DuckDBConnection("Data Source=" + file);
        connection.Open();
        Run(connection, sql);
    }
}
