using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Logistics.Nested;

/// <summary>Nested aggregates (an aggregate over child rows of each child row's own aggregate) computed in two or three
/// vectorized levels, checked against plain C# over the rows visible at each input row's time: values, row errors,
/// hubs without couriers, couriers without parcels, missing hubs, inner aggregates pushed down and in engine.</summary>
public sealed class NestedAggregateTests
{
    private const string HubsSql = "-- resolves: Hub\n-- source: duck\nselect id, name from hubs\n";
    private const string CouriersSql = "-- resolves: Courier\n-- source: duck\nselect id, hub_id, name, active, created_at from couriers\n";
    private const string ParcelsSql = "-- resolves: Parcel\n-- source: duck\nselect id, courier_id, weight_kg, stops, fragile, created_at from parcels\n";
    private const string ItemsSql = "-- resolves: Item\n-- source: duck\nselect id, parcel_id, price from items\n";
    private const string ScansSql = "-- resolves: Scan\n-- source: lite\nselect id, courier_id, ok, created_at from scans\n";

    private DuckDbSource _duck = null!;
    private ScratchSqlite _sqlite = null!;
    private HubData _data = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _duck = new DuckDbSource("Data Source=:memory:");
        _sqlite = new ScratchSqlite("chalk-hubs");
        _data = HubData.Generate(seed: 20261207);
        await _data.LoadAsync(_duck, _sqlite);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _duck.DisposeAsync();
        _sqlite.Delete();
    }

    private ChalkEngine Build(DateTime? now = null) => ChalkEngine.CreateBuilder()
        .WithTimeProvider(new FixedClock(now ?? HubData.Epoch))
        .AddFeatures(typeof(Hub), typeof(Courier), typeof(Parcel), typeof(Item), typeof(Scan))
        .AddSource("duck", _duck, disposeWithEngine: false)
        .AddSource("lite", new SqliteSource(_sqlite.ConnectionString))
        .AddSqlResolver("hubs.chalk.sql", HubsSql)
        .AddSqlResolver("couriers.chalk.sql", CouriersSql)
        .AddSqlResolver("parcels.chalk.sql", ParcelsSql)
        .AddSqlResolver("items.chalk.sql", ItemsSql)
        .AddSqlResolver("scans.chalk.sql", ScansSql)
        .Build();

    private static IReadOnlyList<FeatureDefinition> Features(ChalkEngine engine)
        => engine.Features.Classes.Single(c => c.Name == "hub").Features.Where(f => f.IsComputed).ToList();

    [Test]
    public async Task Every_nested_feature_matches_plain_csharp_on_the_rows_visible_at_each_rows_time()
    {
        await using var engine = Build();
        var features = Features(engine);
        var ids = new List<long>();
        var times = new List<DateTime>();
        // Missing hubs (0, 99), hubs without couriers (41-45), every hub at times before, during and after its rows appear.
        foreach (var at in new[] { HubData.Epoch.AddDays(-1), HubData.Epoch.AddDays(3), HubData.Epoch.AddDays(12), HubData.Epoch.AddDays(29), HubData.Epoch.AddDays(70) })
        {
            foreach (long id in Enumerable.Range(0, 47).Select(i => (long)i).Append(99))
            {
                ids.Add(id);
                times.Add(at.AddMinutes(id * 37));
            }
        }
        var result = await engine.QueryBatchDetailedAsync(Inputs(ids, times), features.Select(f => f.Path).ToList(), asOf: "ts");
        var failures = new List<string>();
        int errors = 0;
        for (int row = 0; row < ids.Count; row++)
        {
            var hub = _data.At(ids[row], times[row]);
            for (int f = 0; f < features.Count; f++)
            {
                var actual = ArrowValues.Get(result.Table.Column(f), row);
                var actualError = result.Errors.FirstOrDefault(e => e.Row == row && e.Feature == features[f].Path);
                var (expected, error) = hub is null ? (null, null) : Oracle(features[f], hub, times[row]);
                string where = $"{features[f].Path} of hub {ids[row]} at {times[row]:s}";
                if (error is not null)
                {
                    errors++;
                    if (actual is not null || actualError is null || !actualError.Message.Contains(error, StringComparison.Ordinal))
                        failures.Add($"{where}: expected error '{error}', got {actual ?? "null"} / {actualError?.Message ?? "no error"}");
                }
                else if (actualError is not null || !Equal(expected, actual))
                {
                    failures.Add($"{where}: expected {expected ?? "null"}, got {actual ?? "null"} {actualError?.Message}");
                }
            }
        }
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(30)));
        Assert.That(errors, Is.GreaterThan(0), "some hubs fail StrictAverageMax, as the C# does");
        Assert.That(result.Table.Column(features.ToList().FindIndex(f => f.Name == "most_items")).NullCount, Is.LessThan(ids.Count), "three levels give values");
    }

    [Test]
    public async Task Nested_aggregates_run_in_two_vectorized_levels_with_the_inner_ones_pushed_down_where_they_can_be()
    {
        await using var engine = Build();
        var plan = engine.Explain(["hub.id"], Features(engine).Select(f => f.Path).ToList(), online: false);
        TestContext.Out.WriteLine(plan);
        Assert.That(plan, Does.Not.Contain("Fallback"), "every nested feature lifts");
        Assert.That(plan, Does.Contain("Aggregate hub.couriers in engine over Arrow"));
        Assert.That(plan, Does.Contain("Aggregate pushed down into parcels.chalk.sql: count(parcels)"), "the courier level's own aggregates go into DuckDB");
        Assert.That(plan, Does.Contain("Aggregate courier.scans in engine over Arrow"), "scans come from SQLite, so that level runs in the engine");
        Assert.That(plan, Does.Contain("in (select value from json_each($1))"), "every courier's scans are fetched from SQLite in one statement");
        Assert.That(plan, Does.Contain("select \"__chalk_t\".\"id\", \"__chalk_t\".\"ok\", \"__chalk_t\".\"created_at\", \"__chalk_t\".\"courier_id\""),
            "only the columns the aggregates read, the key and the time are fetched");
        Assert.That(plan, Does.Contain("Aggregate pushed down into items.chalk.sql: count(items)"), "the third level is pushed down by parcel");
        Assert.That(plan, Does.Contain("Aggregate courier.parcels in engine over Arrow: sum(parcels, count(parcel.items))"), "the middle level is itself nested");
        var twoLevels = engine.Explain(["hub.id"], ["hub.most_parcels", "hub.strict_average_max", "hub.total_stops", "hub.recently_active[7d]"], online: false);
        Assert.That(twoLevels, Does.Not.Contain("HasMany courier.parcels"), "with two levels no parcel row is fetched into the engine");
    }

    [Test]
    public async Task An_online_query_gives_the_batch_answer_at_the_same_time()
    {
        var at = HubData.Epoch.AddDays(20);
        await using var engine = Build(now: at);
        var outputs = Features(engine).Select(f => f.Path).ToList();
        foreach (long id in new long[] { 3, 17, 42, 99 })
        {
            var batch = await engine.QueryBatchDetailedAsync(Inputs([id], [at]), outputs, asOf: "ts");
            var online = await engine.QueryAsync(new Dictionary<string, object?> { ["hub.id"] = id }, outputs);
            for (int f = 0; f < outputs.Count; f++)
                Assert.That(Equal(ArrowValues.Get(batch.Table.Column(f), 0), online[outputs[f]]), $"{outputs[f]} of hub {id}");
            Assert.That(online.Errors.Select(e => e.Feature), Is.EquivalentTo(batch.Errors.Select(e => e.Feature)), $"errors of hub {id}");
        }
    }

    private static (object? Value, string? Error) Oracle(FeatureDefinition f, Hub hub, DateTime asOf)
    {
        try
        {
            return (f.Window is { } w ? w.Method.Invoke(hub, [w.At(asOf)]) : f.Property!.GetValue(hub), null);
        }
        catch (TargetInvocationException ex)
        {
            return (null, ex.InnerException!.Message);
        }
    }

    private static bool Equal(object? expected, object? actual) => (expected, actual) switch
    {
        (double e, double a) => e.Equals(a) || Math.Abs(e - a) <= 1e-12 * Math.Max(Math.Abs(e), Math.Abs(a)),
        _ => Equals(expected, actual),
    };

    private static RecordBatch Inputs(IReadOnlyList<long> ids, IReadOnlyList<DateTime> times)
    {
        var idArray = new Int64Array.Builder().AppendRange(ids).Build();
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var t in times) ts.Append(new DateTimeOffset(t, TimeSpan.Zero));
        return new RecordBatch(new Schema([new Field("hub.id", Int64Type.Default, false), new Field("ts", ts.Build().Data.DataType, false)], null),
            [idArray, ts.Build()], ids.Count);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
