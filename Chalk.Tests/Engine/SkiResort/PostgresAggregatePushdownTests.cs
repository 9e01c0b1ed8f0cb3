using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.SkiResort;

/// <summary>Aggregates pushed down into PostgreSQL answer as LINQ does: the same features with lifting off (the compiled
/// C# runs per row over the fetched rides) are the oracle, values and errors per row, online and in batches.</summary>
public sealed class PostgresAggregatePushdownTests
{
    private const string SkiersSql = "-- resolves: Skier\n-- source: resort\nselect id, name from skiers where id = ${skier.id}\n";
    private const string RidesSql = "-- resolves: Ride\n-- source: resort\n" +
        "select id, skier_id, vertical, long_vertical, bonus, speed, gust, night, lift, created_at from rides -- every ride\n";
    private static readonly DateTime Now = SkiResortData.Epoch.AddDays(31);

    private PostgresSource _source = null!;
    private SkiResortData _data = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        var server = PostgresServer.Shared;
        var database = "resort_" + Guid.NewGuid().ToString("N")[..12];
        await server.ExecuteAsync($"create database {database}");
        _data = SkiResortData.Generate(seed: 20261207, skiers: 240, rides: 6000);
        await _data.LoadAsync(server.ConnectionString(database));
        _source = new PostgresSource(server.ConnectionString(database));
    }

    [OneTimeTearDown]
    public ValueTask TearDown() => _source.DisposeAsync();

    private ChalkEngine Build(bool lifting)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Skier), typeof(Ride))
            .AddSource("resort", _source, disposeWithEngine: false)
            .AddSqlResolver("skiers.chalk.sql", SkiersSql)
            .AddSqlResolver("rides.chalk.sql", RidesSql)
            .WithTimeProvider(new FixedClock(Now));
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    private static List<string> Outputs(ChalkEngine engine)
        => engine.Features.Classes.Single(c => c.Name == "skier").Features.Where(f => f.IsComputed).Select(f => f.Path).ToList();

    [Test]
    public async Task Batches_pushed_down_match_linq_per_row_in_values_and_errors_at_now_and_at_past_times()
    {
        await using var pushed = Build(lifting: true);
        await using var perRow = Build(lifting: false);
        var outputs = Outputs(pushed);
        // Every skier (the last eighth of the random ones have no rides), a key with no skier, and repeats.
        // The last skier's one ride is in year 1: as of a few days later, the 7-day window starts before DateTime.MinValue.
        long early = _data.SkierCount;
        var ids = Enumerable.Range(1, _data.SkierCount + 1).Select(i => (long)i).Concat([3, 3, 77, early, early]).ToArray();
        var rnd = new Random(5);
        foreach (var times in new[]
                 {
                     ids.Select(_ => Now).ToArray(),
                     ids.Select((id, i) => i >= ids.Length - 2 ? DateTime.MinValue.AddDays(i == ids.Length - 1 ? 3 : 9)
                         : SkiResortData.Epoch.AddMinutes(rnd.Next(-60, 31 * 24 * 60))).ToArray(),
                 })
        {
            var expected = await perRow.QueryBatchDetailedAsync(Inputs(ids, times), outputs, asOf: "ts");
            var actual = await pushed.QueryBatchDetailedAsync(Inputs(ids, times), outputs, asOf: "ts");
            AssertSame(actual, expected, outputs);
            if (times[^1] < SkiResortData.Epoch)
                Assert.That(expected.Errors.Where(e => e.Row == ids.Length - 1).Select(e => e.Feature), Does.Contain("skier.recent_rides[7d]"),
                    "LINQ fails where the window starts before DateTime.MinValue");
        }
    }

    [Test]
    public async Task Online_queries_pushed_down_match_linq_per_row()
    {
        await using var pushed = Build(lifting: true);
        await using var perRow = Build(lifting: false);
        var outputs = Outputs(pushed);
        var ids = Enumerable.Range(_data.SkierCount - 12, 14).Concat(Enumerable.Range(1, 40)).Select(i => (long)i);
        foreach (var id in ids)
        {
            var input = new Dictionary<string, object?> { ["skier.id"] = id };
            var expected = await perRow.QueryAsync(input, outputs);
            var actual = await pushed.QueryAsync(input, outputs);
            foreach (var feature in outputs)
                Assert.That(SameValue(actual[feature], expected[feature]), $"{feature} of skier {id}: {Show(actual[feature])}, LINQ {Show(expected[feature])}");
            Assert.That(actual.Errors.Select(e => (e.Feature, Cause(e.Message))), Is.EquivalentTo(expected.Errors.Select(e => (e.Feature, Cause(e.Message)))), $"errors of skier {id}");
        }
    }

    [Test]
    public void The_data_has_the_edge_cases_the_statement_must_get_right()
    {
        var bySkier = _data.Rides.GroupBy(r => r.SkierId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id).ToList());
        Assert.That(bySkier.Values.Count(rs => rs.Sum(r => (decimal)r.Vertical) > int.MaxValue), Is.GreaterThan(3), "integer sums that overflow");
        Assert.That(bySkier.Values.Count(rs => rs.Where(r => r.Vertical > 0).Sum(r => (decimal)r.Vertical) > int.MaxValue
            && Math.Abs(rs.Sum(r => (decimal)r.Vertical)) <= int.MaxValue), Is.GreaterThan(3), "running totals out of range while the total fits (rechecked)");
        Assert.That(bySkier.Values.Count(rs => rs.Any(r => double.IsNaN(r.Speed)) && rs.Any(r => double.IsInfinity(r.Speed))), Is.GreaterThan(3), "NaN and infinities");
        Assert.That(Enumerable.Range(1, _data.SkierCount).Count(i => !bySkier.ContainsKey(i)), Is.GreaterThan(10), "skiers without rides");
    }

    [Test]
    public async Task Explain_shows_the_postgresql_aggregates_pushed_down_in_one_statement()
    {
        await using var engine = Build(lifting: true);
        var plan = engine.Explain(["skier.id"], Outputs(engine));
        TestContext.Out.WriteLine(plan);
        Assert.That(plan, Does.Contain("Aggregate pushed down into rides.chalk.sql: "));
        Assert.That(plan, Does.Contain("(PostgreSQL, for every number of rows)"));
        Assert.That(plan, Does.Contain("unnest($1, $2, $3)"), "the keys are bound as arrays, never written into the SQL");
        Assert.That(plan, Does.Contain("recent_rides").And.Not.Contain("not pushed down: no faithful PostgreSQL SQL: no exact PostgreSQL form for `sub`"));
        Assert.That(plan, Does.Contain("AS interval))"), "window starts are computed in PostgreSQL");
        Assert.That(System.Text.RegularExpressions.Regex.Matches(plan, "Aggregate pushed down").Count, Is.EqualTo(1), "one statement for the relation");
    }

    [Test]
    public async Task Explain_says_why_postgresql_refuses_an_aggregate()
    {
        await using var engine = Build(lifting: true);
        var plan = engine.Explain(["skier.id"], ["skier.average_speed", "skier.doubled_vertical", "skier.total_vertical"]);
        TestContext.Out.WriteLine(plan);
        Assert.That(plan, Does.Contain("no faithful PostgreSQL SQL: Average is not pushed down to PostgreSQL"));
        Assert.That(plan, Does.Contain("no faithful PostgreSQL SQL: no exact PostgreSQL form for `mul`"));
        Assert.That(plan, Does.Contain("Aggregate pushed down into rides.chalk.sql: "), "the other aggregate is still pushed down");
    }

    private static void AssertSame(BatchResult actual, BatchResult expected, IReadOnlyList<string> outputs)
    {
        for (int f = 0; f < outputs.Count; f++)
        {
            for (int r = 0; r < expected.Table.Length; r++)
            {
                object? a = ArrowValues.Get(actual.Table.Column(f), r), e = ArrowValues.Get(expected.Table.Column(f), r);
                Assert.That(SameValue(a, e), $"{outputs[f]} row {r}: {Show(a)}, LINQ {Show(e)}");
            }
        }
        Assert.That(actual.Errors.Select(x => (x.Feature, x.Row, Cause(x.Message))), Is.EquivalentTo(expected.Errors.Select(x => (x.Feature, x.Row, Cause(x.Message)))));
        Assert.That(expected.Errors.Select(x => Cause(x.Message)).Distinct(), Is.SupersetOf(new[] { "Arithmetic operation resulted in an overflow.", "Sequence contains no elements" }),
            "the oracle has both kinds of error");
    }

    // .NET's message, without the path's wording around it ("Skier.TotalVertical threw OverflowException: …" per row,
    // "Skier.TotalVertical failed: …" lifted).
    private static string Cause(string message) => message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..];

    // Doubles bit for bit (−0 is not 0), every NaN alike.
    private static bool SameValue(object? a, object? e) => (a, e) switch
    {
        (double x, double y) => double.IsNaN(x) ? double.IsNaN(y) : BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        _ => Equals(a, e),
    };

    private static string Show(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static RecordBatch Inputs(long[] ids, DateTime[] times)
    {
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
        foreach (var t in times) ts.Append(new DateTimeOffset(t, TimeSpan.Zero));
        return new RecordBatch(new Schema([new Field("skier.id", Int64Type.Default, false), new Field("ts", ts.Build().Data.DataType, false)], null),
            [new Int64Array.Builder().AppendRange(ids).Build(), ts.Build()], ids.Length);
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
    }
}
