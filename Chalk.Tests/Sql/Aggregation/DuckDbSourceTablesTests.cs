using System.Diagnostics;
using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary><c>DuckDbSource.QueryWithTablesAsync</c>: loads Arrow tables, runs, empties them (kept, with the statement prepared
/// over them, for the next query of the shape), reports failures and honours cancellation.</summary>
public class DuckDbSourceTablesTests
{
    private static RecordBatch Strings(params string?[] values)
        => ChildRows.Batch([("id", ChildRows.Build(ExprType.Int32, values.Select((_, i) => (object?)i))), ("s", ChildRows.Build(ExprType.Utf8, values))]);

    // The rows a loaded table still holds afterwards (0 when it was dropped or emptied).
    private static async Task<long> CountTablesAsync(DuckDbSource source, string name)
    {
        using var r = await source.QueryWithTablesAsync($"select count(*)::bigint from duckdb_tables() where table_name = '{name.Replace("'", "''")}'", [], "test");
        if (((Int64Array)r.Batches[0].Column(0)).GetValue(0)!.Value == 0) return 0;
        using var rows = await source.QueryWithTablesAsync($"select count(*)::bigint from temp.{DuckDbTableLoader.Ident(name)}", [], "test");
        return ((Int64Array)rows.Batches[0].Column(0)).GetValue(0)!.Value;
    }

    [Test]
    public async Task A_table_of_another_shape_under_the_same_name_replaces_the_kept_one()
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        for (int round = 0; round < 3; round++)
        {
            using (var strings = await source.QueryWithTablesAsync("select count(*)::bigint, min(s) from t", [("t", Strings("b", "a"))], "test"))
            {
                Assert.That(((Int64Array)strings.Batches[0].Column(0)).GetValue(0), Is.EqualTo(2));
                Assert.That(((StringArray)strings.Batches[0].Column(1)).GetString(0), Is.EqualTo("a"));
            }
            var ints = ChildRows.Batch([("s", ChildRows.Build(ExprType.Int64, [5L, 7L, 9L]))]);
            using var numbers = await source.QueryWithTablesAsync("select count(*)::bigint, sum(s)::bigint from t", [("t", ints)], "test");
            Assert.That(((Int64Array)numbers.Batches[0].Column(1)).GetValue(0), Is.EqualTo(21), $"round {round}");
        }
        Assert.That(await CountTablesAsync(source, "t"), Is.Zero);
    }

    [Test]
    public async Task Values_round_trip_exactly_including_hostile_strings_and_names()
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        string?[] values = [.. ChildRows.HostileStrings, null];
        using var result = await source.QueryWithTablesAsync("select s from \"odd \"\" name\" order by id", [("odd \" name", Strings(values))], "test");
        var got = result.Batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((StringArray)b.Column(0)).GetString(i))).ToArray();
        Assert.That(got, Is.EqualTo(values));
        Assert.That(await CountTablesAsync(source, "odd \" name"), Is.Zero);
    }

    [Test]
    public async Task A_failing_statement_names_the_origin_and_still_empties_the_tables()
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryWithTablesAsync("select no_such_column from t", [("t", Strings("a"))], "reviews.chalk.sql"));
        Assert.That(ex!.Message, Does.StartWith("reviews.chalk.sql: DuckDB failed"));
        Assert.That(await CountTablesAsync(source, "t"), Is.Zero);
    }

    [Test]
    public async Task Streamed_batches_arrive_in_order_and_each_is_handed_over_once()
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        var seen = new List<long>();
        int batches = 0;
        var schema = await source.QueryWithTablesAsync("select id::bigint as id from range(10000) t(id) order by id", [], "test", batch =>
        {
            using (batch)
            {
                batches++;
                seen.AddRange(((Int64Array)batch.Column(0)).Values.ToArray());
            }
        });
        Assert.Multiple(() =>
        {
            Assert.That(schema.FieldsList.Select(f => f.Name), Is.EqualTo(new[] { "id" }));
            Assert.That(batches, Is.GreaterThan(1));
            Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 10000).Select(i => (long)i)));
        });
    }

    [Test]
    public async Task A_consumers_exception_passes_through_unwrapped_and_the_tables_are_emptied()
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => source.QueryWithTablesAsync("select s from t", [("t", Strings("a", "b"))], "test",
            batch =>
            {
                batch.Dispose();
                throw new InvalidOperationException("consumer failed");
            }));
        Assert.That(ex!.Message, Is.EqualTo("consumer failed"));
        Assert.That(await CountTablesAsync(source, "t"), Is.Zero);
    }

    [Test]
    public async Task Cancellation_interrupts_the_statement_and_the_source_stays_usable()
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var sw = Stopwatch.StartNew();
        await Assert.CatchAsync<OperationCanceledException>(() => source.QueryWithTablesAsync(
            "select count(*) from t, range(100000000000) r(x) where x % 7 = 3", [("t", Strings("a"))], "test", cts.Token));
        Assert.That(sw.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(await CountTablesAsync(source, "t"), Is.Zero);
    }

    [Test]
    public async Task A_large_table_loads_through_typed_appends()
    {
        const int n = 200_000;
        var batch = ChildRows.Batch(
        [
            ("i", ChildRows.Build(ExprType.Int32, Enumerable.Range(0, n).Select(i => (object?)i))),
            ("l", ChildRows.Build(ExprType.Int64, Enumerable.Range(0, n).Select(i => (object?)(i * 3L)))),
            ("d", ChildRows.Build(ExprType.Float64, Enumerable.Range(0, n).Select(i => i % 10 == 0 ? null : (object?)(i / 4.0)))),
            ("t", ChildRows.Build(ExprType.Timestamp, Enumerable.Range(0, n).Select(i => (object?)ChildRows.T0.AddSeconds(i)))),
            ("p", ChildRows.Build(ExprType.Duration, Enumerable.Range(0, n).Select(i => (object?)TimeSpan.FromMicroseconds(i)))),
        ]);
        await using var source = new DuckDbSource("Data Source=:memory:");
        using var r = await source.QueryWithTablesAsync(
            "select sum(i)::bigint, sum(l)::bigint, count(d)::bigint, max(t), sum(p)::bigint from big", [("big", batch)], "test");
        var row = r.Batches[0];
        Assert.Multiple(() =>
        {
            Assert.That(((Int64Array)row.Column(0)).GetValue(0), Is.EqualTo((long)n * (n - 1) / 2));
            Assert.That(((Int64Array)row.Column(1)).GetValue(0), Is.EqualTo(3L * n * (n - 1) / 2));
            Assert.That(((Int64Array)row.Column(2)).GetValue(0), Is.EqualTo(n - n / 10));
            Assert.That(Chalk.Expressions.ArrowValues.GetValue(row.Column(3), 0), Is.EqualTo(ChildRows.T0.AddSeconds(n - 1)));
            Assert.That(((Int64Array)row.Column(4)).GetValue(0), Is.EqualTo((long)n * (n - 1) / 2));
        });
    }
}
