using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using DuckDB.NET.Data;

namespace Chalk.Tests.Engine.Relations;

// Apiaries and their hive inspections. The features below read the inspections in the engine (a culture-ordered
// string, a loop), so a batch fetches the inspection rows themselves; with many apiaries that fetch leaves out, in
// DuckDB, the rows after each apiary's latest query time.

[Features]
public class Apiary
{
    [Primary] public long Id { get; init; }
    public DataFrame<HiveInspection> Inspections { get; init; } = [];

    public string? LastNote => Inspections.OrderByDescending(i => i.Note).FirstOrDefault()?.Note;

    public int MiteTotal
    {
        get
        {
            int total = 0;
            foreach (var i in Inspections) total += i.Mites;
            return total;
        }
    }

    public DateTime? LatestInspection => Inspections.MaxBy(i => i.InspectedAt)?.InspectedAt;
}

[Features]
public class HiveInspection
{
    [Primary] public long Id { get; init; }
    public long ApiaryId { get; init; }
    public string Note { get; init; } = "";
    public int Mites { get; init; }
    [FeatureTime] public DateTime? InspectedAt { get; init; }
}

/// <summary>A has-many fetch of more than <c>ChildRowFetch.BoundedFetchMinKeys</c> keys is filtered in DuckDB by each
/// key's latest query time; the answers are those of plain C# over the visible rows, and those of the same rows asked
/// in batches small enough to fetch every row: at the query time exactly, a microsecond after it, null times, a key
/// asked at several times.</summary>
public sealed class BoundedFetchTests
{
    private const int Apiaries = 90;
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0);
    private static readonly string[] Outputs = ["apiary.last_note", "apiary.mite_total", "apiary.latest_inspection"];

    private readonly List<HiveInspection> _inspections = [];
    private DuckDbSource _db = null!;
    private ChalkEngine _engine = null!;

    // Apiary a's query time in input row r: a few hours apart, so rows sit on both sides of it.
    private static DateTime AsOf(long apiary, int round) => T0.AddHours(apiary % 7 * 5 + round * 11);

    [OneTimeSetUp]
    public async Task SetUp()
    {
        var rnd = new Random(2026);
        long id = 1;
        for (long a = 1; a <= Apiaries; a++)
        {
            // Exactly at, a microsecond after and a microsecond before its first query time, then random hours.
            var at = AsOf(a, 0);
            DateTime?[] times = [at, at.AddTicks(10), at.AddTicks(-10), null, .. Enumerable.Range(0, rnd.Next(0, 9)).Select(_ => (DateTime?)T0.AddMinutes(rnd.Next(0, 60 * 60)))];
            foreach (var t in times)
                _inspections.Add(new HiveInspection { Id = id++, ApiaryId = a, Note = Notes[rnd.Next(Notes.Length)], Mites = rnd.Next(0, 40), InspectedAt = t });
        }
        _db = new DuckDbSource("Data Source=:memory:");
        await _db.UseConnectionAsync(async c =>
        {
            using (var create = c.CreateCommand())
            {
                create.CommandText = "create table apiaries as select range + 1 as id from range(" + Apiaries + "); " +
                    "create table inspections(id bigint, apiary_id bigint, note varchar, mites integer, inspected_at timestamp)";
                create.ExecuteNonQuery();
            }
            foreach (var i in _inspections)
            {
                using var insert = c.CreateCommand();
                insert.CommandText = "insert into inspections values ($1, $2, $3, $4, $5)";
                insert.Parameters.Add(new DuckDBParameter(i.Id));
                insert.Parameters.Add(new DuckDBParameter(i.ApiaryId));
                insert.Parameters.Add(new DuckDBParameter(i.Note));
                insert.Parameters.Add(new DuckDBParameter(i.Mites));
                insert.Parameters.Add(new DuckDBParameter(i.InspectedAt is { } t ? t : DBNull.Value));
                await insert.ExecuteNonQueryAsync();
            }
        });
        _engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Apiary), typeof(HiveInspection))
            .AddSource("bees", _db, disposeWithEngine: false)
            .AddSqlResolver("apiary.chalk.sql", "-- resolves: Apiary\n-- source: bees\nselect id from apiaries\n")
            .AddSqlResolver("inspection.chalk.sql", "-- resolves: HiveInspection\n-- source: bees\nselect id, apiary_id, note, mites, inspected_at from inspections\n")
            .Build();
    }

    private static readonly string[] Notes = ["calm", "Calm", "queen seen", "Queenless", "swarm cells", "ärgerlich", "zest", "Éclosion"];

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    // Every apiary at its first query time, then every third one again later, and one that has no row.
    private static (long[] Keys, DateTime[] AsOf) Rows()
    {
        var keys = new List<long>();
        var asOf = new List<DateTime>();
        for (long a = 1; a <= Apiaries; a++) { keys.Add(a); asOf.Add(AsOf(a, 0)); }
        for (long a = 3; a <= Apiaries; a += 3) { keys.Add(a); asOf.Add(AsOf(a, 2)); }
        keys.Add(Apiaries + 5);
        asOf.Add(T0);
        return (keys.ToArray(), asOf.ToArray());
    }

    private static RecordBatch Batch(IReadOnlyList<long> keys, IReadOnlyList<DateTime> asOf) => KeyBatches.At("apiary.id", keys, asOf);

    private object?[] Expected(long apiary, DateTime asOf)
    {
        if (apiary > Apiaries) return [null, null, null];
        var visible = _inspections.Where(i => i.ApiaryId == apiary && i.InspectedAt <= asOf);
        var a = new Apiary { Id = apiary, Inspections = new DataFrame<HiveInspection>(visible) };
        return [a.LastNote, a.MiteTotal, a.LatestInspection];
    }

    private static object?[][] RowsOf(RecordBatch table, int count) => TableRows.Rows(table, count, Outputs.Length);

    [Test]
    public void The_plan_shows_the_bounded_fetch()
    {
        var plan = _engine.Explain(["apiary.id"], Outputs, online: false);
        Assert.That(plan, Does.Contain("more than 64 keys:").And.Contain("inspected_at\" <= $2"));
        // MiteTotal's loop reads the inspections per row, in key order: the frame is ordered.
        Assert.That(plan, Does.Not.Contain("rows stay in fetch order"));
    }

    [Test]
    public async Task A_batch_of_many_keys_answers_as_plain_csharp_over_the_visible_rows()
    {
        var (keys, asOf) = Rows();
        var result = await _engine.QueryBatchDetailedAsync(Batch(keys, asOf), Outputs, asOf: "ts");
        Assert.That(result.Errors, Is.Empty);
        var rows = RowsOf(result.Table, keys.Length);
        for (int r = 0; r < keys.Length; r++) Assert.That(rows[r], Is.EqualTo(Expected(keys[r], asOf[r])), $"apiary {keys[r]} as of {asOf[r]:O}");
    }

    [Test]
    public async Task The_same_rows_in_small_batches_answer_the_same()
    {
        var (keys, asOf) = Rows();
        var whole = await _engine.QueryBatchDetailedAsync(Batch(keys, asOf), Outputs, asOf: "ts");
        var expected = RowsOf(whole.Table, keys.Length);
        for (int start = 0; start < keys.Length; start += 20)
        {
            int n = Math.Min(20, keys.Length - start);
            var part = await _engine.QueryBatchDetailedAsync(Batch(keys[start..(start + n)], asOf[start..(start + n)]), Outputs, asOf: "ts");
            Assert.That(RowsOf(part.Table, n), Is.EqualTo(expected[start..(start + n)]), $"rows {start}..{start + n - 1}");
        }
    }
}

/// <summary>A child row whose time is past <see cref="DateTime.MaxValue"/> is reported the same way whether the fetch
/// is bounded by the query times (many keys) or not (few keys): the bound keeps such rows.</summary>
public sealed class BoundedFetchFarFutureTests
{
    [Test]
    public async Task A_time_past_DateTime_MaxValue_fails_the_same_with_many_keys_as_with_few()
    {
        await using var db = await ScratchDuckDb.CreateAsync("create table apiaries as select range + 1 as id from range(100); " +
            "create table inspections as select range + 1 as id, range % 100 + 1 as apiary_id, 'calm' as note, 1 as mites, " +
            "TIMESTAMP '2026-01-01' + to_hours(range) as inspected_at from range(300); " +
            "insert into inspections values (1000, 7, 'from the future', 2, TIMESTAMP '10000-01-02 00:00:00')");
        await using var engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Apiary), typeof(HiveInspection))
            .AddSource("bees", db, disposeWithEngine: false)
            .AddSqlResolver("apiary.chalk.sql", "-- resolves: Apiary\n-- source: bees\nselect id from apiaries\n")
            .AddSqlResolver("inspection.chalk.sql", "-- resolves: HiveInspection\n-- source: bees\nselect id, apiary_id, note, mites, inspected_at from inspections\n")
            .Build();
        async Task<string> FailureAsync(int apiaries)
        {
            var batch = KeyBatches.Of("apiary.id", Enumerable.Range(1, apiaries).Select(i => (long)i).ToList());
            try
            {
                var result = await engine.QueryBatchDetailedAsync(batch, ["apiary.mite_total"]);
                return string.Join("; ", result.Errors.Select(e => e.Message));
            }
            catch (ChalkException ex)
            {
                return ex.GetType().Name + ": " + ex.Message;
            }
        }
        var few = await FailureAsync(10);
        Assert.That(few, Does.StartWith(nameof(ChalkResolverException)).And.Contain("inspection.chalk.sql: column 'inspected_at'").And.Contain("DateTime range"));
        Assert.That(await FailureAsync(100), Is.EqualTo(few));
    }
}
