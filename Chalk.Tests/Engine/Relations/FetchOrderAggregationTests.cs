using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using DuckDB.NET.Data;

namespace Chalk.Tests.Engine.Relations;

// Orchards and the crates picked there. Every feature over the crates is an aggregate the engine computes itself (a
// culture-ordered string, MaxBy with ties, and on SQLite everything), so a batch whose keys are distinct keeps the
// fetched crates in the order the source returned them and lets the aggregation order them.

[Features]
public class Orchard
{
    [Primary] public long Id { get; init; }
    public DataFrame<HarvestCrate> Crates { get; init; } = [];

    public string? LastVariety => Crates.OrderByDescending(c => c.Variety).FirstOrDefault()?.Variety;
    // A string literal holding U+0000 has no DuckDB form: it keeps DuckDB's crates in the engine too.
    public int MislabelledCrates => Crates.Count(c => c.Variety != "Zari\0");
    public long? HeaviestCrate => Crates.MaxBy(c => c.WeightKg)?.Id;
    public long? FirstLightCrate => Crates.FirstOrDefault(c => c.WeightKg < 12)?.Id;
    public int CrateCount => Crates.Count;

    [Windowed("1d")]
    public int RecentCrates(Window w) => Crates.Count(c => c.PickedAt >= w.Start);
}

[Features]
public class HarvestCrate
{
    [Primary] public long Id { get; init; }
    public long OrchardId { get; init; }
    public string Variety { get; init; } = "";
    public double WeightKg { get; init; }
    [FeatureTime] public DateTime? PickedAt { get; init; }
}

/// <summary>A has-many frame only aggregated in the engine keeps its rows in fetch order when each key has one parent
/// row; the answers equal plain C# over the rows visible at each query time, on DuckDB (bounded and unbounded fetches)
/// and SQLite, with crates stored out of key order, equal weights, times at the query time and a microsecond either
/// side, null times, and a key asked at two times (which takes the ordered path). On SQLite every aggregate runs in the
/// engine; on DuckDB the others are pushed down (the string ordering through a rank table) and the count with a U+0000
/// literal reads the fetched crates.</summary>
[TestFixture("duckdb")]
[TestFixture("sqlite")]
public sealed class FetchOrderAggregationTests(string kind)
{
    private const int Orchards = 80;
    private static readonly DateTime T0 = new(2026, 9, 1, 6, 0, 0);
    private static readonly string[] Outputs = ["orchard.last_variety", "orchard.mislabelled_crates", "orchard.heaviest_crate", "orchard.first_light_crate", "orchard.crate_count", "orchard.recent_crates[1d]"];
    private static readonly string[] Varieties = ["Elstar", "elstar", "Åkerö", "Boskoop", "Cox", "Ingrid Marie", "Gravensteiner", "Zari"];

    private readonly List<HarvestCrate> _crates = [];
    private readonly ScratchSqlite _file = new("chalk-orchards");
    private SqlSource _source = null!;
    private ChalkEngine _engine = null!;

    private static DateTime AsOf(long orchard, int round) => T0.AddHours(orchard % 5 * 7 + round * 13);

    [OneTimeSetUp]
    public async Task SetUp()
    {
        var rnd = new Random(91);
        long id = 1;
        for (long o = 1; o <= Orchards; o++)
        {
            var at = AsOf(o, 0);
            DateTime?[] times = [at, at.AddTicks(10), at.AddTicks(-10), null, .. Enumerable.Range(0, rnd.Next(0, 10)).Select(_ => (DateTime?)T0.AddMinutes(rnd.Next(-600, 60 * 40)))];
            foreach (var t in times)
                _crates.Add(new HarvestCrate { Id = id++, OrchardId = o, Variety = Varieties[rnd.Next(Varieties.Length)], WeightKg = rnd.Next(8, 15), PickedAt = t });
        }
        // Stored in a shuffled order, so no source returns them in key order.
        var stored = _crates.OrderBy(_ => rnd.Next()).ToList();
        _source = kind == "duckdb" ? await DuckDbAsync(stored) : await SqliteAsync(stored);
        _engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Orchard), typeof(HarvestCrate))
            .AddSource("farm", _source, disposeWithEngine: false)
            .AddSqlResolver("orchard.chalk.sql", "-- resolves: Orchard\n-- source: farm\nselect id from orchards\n")
            .AddSqlResolver("crate.chalk.sql", "-- resolves: HarvestCrate\n-- source: farm\nselect id, orchard_id, variety, weight_kg, picked_at from crates\n")
            .Build();
    }

    private static async Task<SqlSource> DuckDbAsync(List<HarvestCrate> crates)
    {
        var db = await ScratchDuckDb.CreateAsync($"create table orchards as select range + 1 as id from range({Orchards}); " +
            "create table crates(id bigint, orchard_id bigint, variety varchar, weight_kg double, picked_at timestamp)");
        await db.UseConnectionAsync(c =>
        {
            using var appender = c.CreateAppender("crates");
            foreach (var crate in crates)
            {
                var row = appender.CreateRow().AppendValue(crate.Id).AppendValue(crate.OrchardId).AppendValue(crate.Variety).AppendValue(crate.WeightKg);
                (crate.PickedAt is { } t ? row.AppendValue(t) : row.AppendNullValue()).EndRow();
            }
            return Task.CompletedTask;
        });
        return db;
    }

    private async Task<SqlSource> SqliteAsync(List<HarvestCrate> crates)
    {
        await _file.ExecuteAsync($"create table orchards(id integer primary key); " +
            $"with recursive n(i) as (select 1 union all select i + 1 from n where i < {Orchards}) insert into orchards select i from n; " +
            "create table crates(id integer, orchard_id integer, variety text, weight_kg real, picked_at timestamp); " +
            "create index crates_orchard on crates(orchard_id)");
        return await Chalk.Tests.Audit.AuditRows.SqliteAsync(_file.Path, "select 1", async conn =>
        {
            foreach (var c in crates)
                await Chalk.Tests.Audit.AuditRows.InsertAsync(conn, "crates", c.Id, c.OrchardId, c.Variety, c.WeightKg, Chalk.Tests.Audit.AuditRows.Text(c.PickedAt));
        });
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _source.DisposeAsync();
        _file.Delete();
    }

    private object?[] Expected(long orchard, DateTime asOf)
    {
        if (orchard > Orchards) return [null, null, null, null, null, null];
        var visible = _crates.Where(c => c.OrchardId == orchard && c.PickedAt <= asOf).OrderBy(c => c.Id).ToList();
        var o = new Orchard { Id = orchard, Crates = new DataFrame<HarvestCrate>(visible) };
        return [o.LastVariety, o.MislabelledCrates, o.HeaviestCrate, o.FirstLightCrate, o.CrateCount, visible.Count(c => c.PickedAt >= asOf.AddDays(-1))];
    }

    private async Task AssertAnswersAsync(IReadOnlyList<long> keys, IReadOnlyList<DateTime> asOf)
    {
        var result = await _engine.QueryBatchDetailedAsync(KeyBatches.At("orchard.id", keys, asOf), Outputs, asOf: "ts");
        Assert.That(result.Errors, Is.Empty);
        for (int r = 0; r < keys.Count; r++)
        {
            var row = TableRows.Row(result.Table, r, Outputs.Length);
            Assert.That(row, Is.EqualTo(Expected(keys[r], asOf[r])), $"orchard {keys[r]} as of {asOf[r]:O}");
        }
    }

    [Test]
    public Task Distinct_keys_answer_as_plain_csharp_over_the_visible_rows()
    {
        var keys = Enumerable.Range(1, Orchards + 2).Select(i => (long)i).Reverse().ToList();
        return AssertAnswersAsync(keys, keys.Select(k => AsOf(k, 0)).ToList());
    }

    [Test]
    public async Task Few_distinct_keys_whose_fetch_is_not_bounded_answer_the_same()
    {
        for (long start = 1; start <= Orchards; start += 9)
        {
            var keys = Enumerable.Range((int)start, 9).Select(i => (long)i).ToList();
            await AssertAnswersAsync(keys, keys.Select(k => AsOf(k, 0).AddHours(k % 3 - 1)).ToList());
        }
    }

    [Test]
    public Task A_key_asked_at_two_times_answers_each_time()
    {
        var keys = Enumerable.Range(1, Orchards).Select(i => (long)i).Concat(Enumerable.Range(1, Orchards / 4).Select(i => (long)i * 4)).ToList();
        return AssertAnswersAsync(keys, keys.Select((k, i) => AsOf(k, i < Orchards ? 0 : 1)).ToList());
    }

    [Test]
    public void Only_in_engine_aggregates_read_the_crates()
    {
        var plan = _engine.Explain(["orchard.id"], Outputs, online: false);
        Assert.That(plan, Does.Contain("Aggregate orchard.crates in engine").And.Not.Contain("Fallback")
            .And.Contain("read only by in-engine aggregates: rows stay in fetch order"));
    }
}
