using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Aggregation;

/// <summary>Every aggregate shape, windows and point-in-time batches, checked against the same C# run by LINQ to objects
/// on the rows visible at each input row's time; with lifting on (pushed down) and off (per row).</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class PointInTimeAggregationTests(bool lifting)
{
    private const string Shoppers = "-- resolves: Shopper\n-- source: db\nselect id, name from shoppers where id = ${shopper.id}\n";
    private const string PurchasesSql = "-- resolves: Purchase\n-- source: db\nselect id, shopper_id, product_id, amount, quantity, stars, discount, kind, created_at from purchases\n";
    private static readonly DateTime Now = ShopperData.Epoch.AddDays(40);

    private DuckDbSource _source = null!;
    private ShopperData _data = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _source = new DuckDbSource("Data Source=:memory:");
        _data = ShopperData.Generate(seed: 20261125, purchases: 1500);
        await _data.LoadAsync(_source);
    }

    [OneTimeTearDown]
    public ValueTask TearDown() => _source.DisposeAsync();

    private ChalkEngine Build()
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Shopper), typeof(Purchase))
            .AddSource("db", _source, disposeWithEngine: false)
            .AddSqlResolver("shoppers.chalk.sql", Shoppers)
            .AddSqlResolver("purchases.chalk.sql", PurchasesSql)
            .WithTimeProvider(new FixedClock(Now));
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    private static IReadOnlyList<FeatureDefinition> Aggregates(ChalkEngine engine)
        => engine.Features.Classes.Single(c => c.Name == "shopper").Features.Where(f => f.IsComputed).ToList();

    [Test]
    public async Task A_point_in_time_batch_matches_linq_on_the_rows_visible_at_each_rows_time()
    {
        await using var engine = Build();
        var features = Aggregates(engine);
        var rnd = new Random(7);
        var ids = new long[400];
        var times = new DateTime[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = 1 + rnd.Next(_data.ShopperCount);
            var p = _data.Purchases[rnd.Next(_data.Purchases.Count)];
            // On a row's own time, on a window start (time + window), or anywhere.
            times[i] = rnd.Next(4) switch
            {
                0 => p.CreatedAt,
                1 => p.CreatedAt.AddDays(7),
                2 => p.CreatedAt.AddDays(1),
                _ => ShopperData.Epoch.AddSeconds(rnd.Next(70 * 86400)),
            };
        }
        var result = await engine.QueryBatchDetailedAsync(Inputs(ids, times), features.Select(f => f.Path).ToList(), asOf: "ts");
        AssertMatchesOracle(result, features, ids, times);
    }

    [Test]
    public async Task An_online_query_is_answered_as_of_the_engines_clock_like_a_batch_at_that_time()
    {
        await using var engine = Build();
        var features = Aggregates(engine);
        var outputs = features.Select(f => f.Path).ToList();
        var ids = Enumerable.Range(1, _data.ShopperCount).Select(i => (long)i).ToArray();
        var batch = await engine.QueryBatchDetailedAsync(Inputs(ids, ids.Select(_ => Now).ToArray()), outputs, asOf: "ts");
        AssertMatchesOracle(batch, features, ids, ids.Select(_ => Now).ToArray());
        foreach (var id in ids.Where(i => i % 7 == 0 || i > 50))
        {
            var online = await engine.QueryAsync(new Dictionary<string, object?> { ["shopper.id"] = id }, outputs);
            for (int f = 0; f < outputs.Count; f++)
                Assert.That(Equal(ArrowValues.Get(batch.Table.Column(f), (int)id - 1), online[outputs[f]]), $"{outputs[f]} of shopper {id}: online differs from batch");
            Assert.That(online.Errors.Select(e => e.Feature), Is.EquivalentTo(batch.Errors.Where(e => e.Row == id - 1).Select(e => e.Feature)));
        }
    }

    [Test]
    public async Task A_few_rows_fetch_their_keys_rows_and_aggregate_them_in_the_engine_with_the_same_answers()
    {
        // Up to KeyedAggregation.MaxRows parent rows, a pushed-down aggregation fetches each key's rows by the foreign
        // key instead of running the grouped statement: the same oracle holds, at any time.
        await using var engine = Build();
        var features = Aggregates(engine);
        var outputs = features.Select(f => f.Path).ToList();
        var rnd = new Random(11);
        for (int batch = 0; batch < 40; batch++)
        {
            int n = 1 + rnd.Next(Chalk.Execution.Nodes.KeyedAggregation.MaxRows);
            var ids = Enumerable.Range(0, n).Select(_ => (long)rnd.Next(1, _data.ShopperCount + 1)).ToArray();
            var times = ids.Select(_ => rnd.Next(3) == 0 ? Now : _data.Purchases[rnd.Next(_data.Purchases.Count)].CreatedAt.AddDays(rnd.Next(-1, 8))).ToArray();
            var result = await engine.QueryBatchDetailedAsync(Inputs(ids, times), outputs, asOf: "ts");
            AssertMatchesOracle(result, features, ids, times);
        }
        if (lifting)
            Assert.That(engine.Explain(["shopper.id"], outputs), Does.Contain($"up to {Chalk.Execution.Nodes.KeyedAggregation.MaxRows} rows: each key's rows fetched"));
    }

    [TestCase(3)]
    [TestCase(40)]
    public async Task A_point_in_time_batch_after_a_batch_as_of_now_of_the_same_shape_is_answered_at_its_own_times(int rows)
    {
        // Both batches load the same key table on the same connection and run statements prepared for the first.
        await using var engine = Build();
        var features = Aggregates(engine);
        var outputs = features.Select(f => f.Path).ToList();
        var ids = Enumerable.Range(0, rows).Select(i => 1L + i % _data.ShopperCount).ToArray();
        var now = Inputs(ids, ids.Select(_ => Now).ToArray());
        var idsOnly = new RecordBatch(new Schema([now.Schema.GetFieldByIndex(0)], null), [now.Column(0)], now.Length);
        var rnd = new Random(rows);
        var times = ids.Select(_ => _data.Purchases[rnd.Next(_data.Purchases.Count)].CreatedAt.AddDays(rnd.Next(0, 3))).ToArray();
        for (int round = 0; round < 2; round++)
        {
            var atNow = await engine.QueryBatchDetailedAsync(idsOnly, outputs);
            AssertMatchesOracle(atNow, features, ids, ids.Select(_ => Now).ToArray());
            var atTimes = await engine.QueryBatchDetailedAsync(Inputs(ids, times), outputs, asOf: "ts");
            AssertMatchesOracle(atTimes, features, ids, times);
        }
    }

    [Test]
    public async Task With_lifting_every_aggregate_is_pushed_into_duckdb_in_one_statement()
    {
        await using var engine = Build();
        var plan = engine.Explain(["shopper.id"], Aggregates(engine).Select(f => f.Path).ToList(), online: false);
        TestContext.Out.WriteLine(plan);
        if (!lifting)
        {
            Assert.That(plan, Does.Not.Contain("pushed down"));
            return;
        }
        Assert.That(plan, Does.Not.Contain("Fallback"), "every aggregate feature lifts");
        Assert.That(plan, Does.Not.Contain("HasMany"), "no child rows are fetched into the engine");
        Assert.That(System.Text.RegularExpressions.Regex.Matches(plan, "Aggregate pushed down").Count, Is.EqualTo(1), "one statement for the relation");
    }

    [Test]
    public async Task Window_starts_are_as_the_csharp_says_and_ends_include_rows_at_the_query_time()
    {
        await using var engine = Build();
        var p = _data.Purchases.First(x => x.ShopperId == 3);
        var atStart = p.CreatedAt.AddDays(7);
        var result = await engine.QueryBatchDetailedAsync(Inputs([3, 3], [atStart, p.CreatedAt]),
            ["shopper.recent_purchases[7d]", "shopper.recent_spend[7d]", "shopper.purchase_count"], asOf: "ts");
        var visible = _data.Purchases.Where(x => x.ShopperId == 3).ToList();
        long closed = visible.Count(x => x.CreatedAt >= atStart.AddDays(-7) && x.CreatedAt <= atStart);
        Assert.That(ArrowValues.Get(result.Table.Column(0), 0), Is.EqualTo(closed), ">= w.Start counts a row exactly at the start");
        Assert.That(closed, Is.GreaterThan(visible.Count(x => x.CreatedAt > atStart.AddDays(-7) && x.CreatedAt <= atStart)), "the data has a row on the boundary");
        Assert.That(ArrowValues.Get(result.Table.Column(2), 1), Is.EqualTo(visible.Count(x => x.CreatedAt <= p.CreatedAt)), "a row at the query time is visible");
    }

    [Test]
    public async Task A_query_time_too_early_for_its_window_fails_the_windowed_features_like_the_csharp_does()
    {
        await using var engine = Build();
        var features = Aggregates(engine);
        long[] ids = [3, 3, 51];
        DateTime[] times = [DateTime.MinValue.AddDays(2), ShopperData.Epoch.AddDays(20), DateTime.MinValue.AddDays(20)];
        var result = await engine.QueryBatchDetailedAsync(Inputs(ids, times), features.Select(f => f.Path).ToList(), asOf: "ts");
        Assert.That(result.Errors.Where(e => e.Row == 0).Select(e => e.Feature), Does.Contain("shopper.recent_purchases[7d]"));
        Assert.That(result.Errors.Where(e => e.Row == 2 && e.Feature.Contains('[', StringComparison.Ordinal)).Select(e => e.Feature),
            Is.EquivalentTo(new[] { "shopper.recent_purchases[30d]" }), "only the window longer than the time since year 1 fails");
        AssertMatchesOracle(result, features, ids, times);
    }

    [Test]
    public async Task Sliced_inputs_and_an_as_of_column_in_another_unit_give_the_same_answers()
    {
        await using var engine = Build();
        var outputs = Aggregates(engine).Select(f => f.Path).ToList();
        long[] ids = [0, 3, 7, 3, 51, 0];
        DateTime[] times = [Now, ShopperData.Epoch.AddDays(20), ShopperData.Epoch.AddDays(33), Now, ShopperData.Epoch.AddDays(9), Now];
        var whole = Inputs(ids, times);
        var expected = await engine.QueryBatchDetailedAsync(Inputs(ids[1..5], times[1..5]), outputs, asOf: "ts");
        var sliced = await engine.QueryBatchDetailedAsync(whole.Slice(1, 4), outputs, asOf: "ts");
        var ms = new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, "UTC"));
        foreach (var t in times[1..5]) ms.Append(new DateTimeOffset(t, TimeSpan.Zero));
        var milliseconds = new RecordBatch(new Schema([whole.Schema.GetFieldByIndex(0), new Field("ts", ms.Build().Data.DataType, false)], null),
            [ArrowArrayFactory.Slice(whole.Column(0), 1, 4), ms.Build()], 4);
        var converted = await engine.QueryBatchDetailedAsync(milliseconds, outputs, asOf: "ts");
        foreach (var actual in new[] { sliced, converted })
        {
            for (int f = 0; f < outputs.Count; f++)
            {
                for (int r = 0; r < 4; r++)
                    Assert.That(ArrowValues.Get(actual.Table.Column(f), r), Is.EqualTo(ArrowValues.Get(expected.Table.Column(f), r)), $"{outputs[f]} row {r}");
            }
            Assert.That(actual.Errors.Select(e => (e.Row, e.Feature)), Is.EqualTo(expected.Errors.Select(e => (e.Row, e.Feature))));
        }
    }

    [Test]
    public async Task A_bad_as_of_column_is_an_argument_error_naming_it()
    {
        await using var engine = Build();
        var ids = new Int64Array.Builder().Append(1).Build();
        var noTs = new RecordBatch(new Schema([new Field("shopper.id", Int64Type.Default, false)], null), [ids], 1);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => engine.QueryBatchAsync(noTs, ["shopper.total_spend"], asOf: "ts"));
        Assert.That(ex!.Message, Does.Contain("'ts'").And.Contain("not in the input batch"));
        var wrong = new RecordBatch(new Schema([new Field("shopper.id", Int64Type.Default, false), new Field("ts", Int64Type.Default, false)], null), [ids, ids], 1);
        ex = await Assert.ThrowsAsync<ArgumentException>(() => engine.QueryBatchAsync(wrong, ["shopper.total_spend"], asOf: "ts"));
        Assert.That(ex!.Message, Does.Contain("must be a timestamp"));
        var missingWindow = Assert.Throws<ChalkPlanException>(() => engine.Explain(["shopper.id"], ["shopper.recent_purchases"]));
        Assert.That(missingWindow!.Message, Does.Contain("recent_purchases["));
    }

    private void AssertMatchesOracle(BatchResult result, IReadOnlyList<FeatureDefinition> features, long[] ids, DateTime[] times)
    {
        var failures = new List<string>();
        for (int row = 0; row < ids.Length; row++)
        {
            var shopper = _data.At(ids[row], times[row]);
            for (int f = 0; f < features.Count; f++)
            {
                var (expected, error) = Oracle(features[f], shopper, times[row]);
                var actual = ArrowValues.Get(result.Table.Column(f), row);
                var actualError = result.Errors.FirstOrDefault(e => e.Row == row && e.Feature == features[f].Path);
                if (error is not null)
                {
                    if (actualError is null || !actualError.Message.Contains(error, StringComparison.Ordinal) || actual is not null)
                        failures.Add($"{features[f].Path} row {row} (shopper {ids[row]} at {times[row]:s}): expected error '{error}', got {actual ?? "null"} / {actualError?.Message ?? "no error"}");
                }
                else if (actualError is not null || !Equal(expected, actual))
                {
                    failures.Add($"{features[f].Path} row {row} (shopper {ids[row]} at {times[row]:s}): expected {expected ?? "null"}, got {actual ?? "null"} {actualError?.Message}");
                }
            }
        }
        Assert.That(failures, Is.Empty, $"{failures.Count} disagreements");
    }

    private static (object? Value, string? Error) Oracle(FeatureDefinition f, Shopper shopper, DateTime asOf)
    {
        try
        {
            return (f.Window is { } w ? w.Method.Invoke(shopper, [w.At(asOf)]) : f.Property!.GetValue(shopper), null);
        }
        catch (TargetInvocationException ex)
        {
            return (null, ex.InnerException!.Message);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // Building the Window itself (as_of - duration) failed, before the method ran.
            return (null, ex.Message);
        }
    }

    private static bool Equal(object? expected, object? actual) => (expected, actual) switch
    {
        (double e, double a) => e.Equals(a) || Math.Abs(e - a) <= 1e-12 * Math.Max(Math.Abs(e), Math.Abs(a)),
        (long e, int a) => e == a,
        _ => Equals(expected, actual),
    };

    private static RecordBatch Inputs(long[] ids, DateTime[] times)
    {
        var idArray = new Int64Array.Builder().AppendRange(ids).Build();
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var t in times) ts.Append(new DateTimeOffset(t, TimeSpan.Zero));
        return new RecordBatch(new Schema([new Field("shopper.id", Int64Type.Default, false), new Field("ts", ts.Build().Data.DataType, false)], null),
            [idArray, ts.Build()], ids.Length);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
