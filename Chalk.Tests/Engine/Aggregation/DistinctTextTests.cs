using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using DuckDB.NET.Data;

namespace Chalk.Tests.Engine.Aggregation;

// A herbarium: sheets of pressed plants, each labelled by hand. Labels that differ only in case, accents, trailing
// spaces or a NUL are different strings to .NET's Distinct (ordinal equality), whatever collation the column has.

[Features]
public class Herbarium
{
    [Primary] public long Id { get; init; }
    public DataFrame<HerbariumSheet> Sheets { get; init; } = [];

    public int DistinctLabels => Sheets.Select(s => s.Label).Distinct().Count();
    public int DistinctFolded => Sheets.Select(s => s.Folded).Distinct().Count();
    [Windowed("3d")]
    public int DistinctRecentLabels(Window w) => Sheets.Where(s => s.PressedAt >= w.Start).Select(s => s.Label).Distinct().Count();

    // Ordered in the culture's order, where "Ane\u0301mone" equals "Anémone" and ties keep key order.
    public string? LastLabel => Sheets.Max(s => s.Label);
    public string? FirstFolded => Sheets.OrderBy(s => s.Folded).FirstOrDefault()?.Folded;
    public DateTime? PressedAtOfSmallestLabel => Sheets.MinBy(s => s.Label)?.PressedAt;
}

[Features]
public class HerbariumSheet
{
    [Primary] public long Id { get; init; }
    public long HerbariumId { get; init; }
    public string Label { get; init; } = "";
    public string? Folded { get; init; }
    [FeatureTime] public DateTime PressedAt { get; init; }
}

/// <summary><c>Select(s).Distinct().Count()</c> of strings pushed into DuckDB counts ordinally distinct values, like
/// LINQ, on columns declared <c>COLLATE NOCASE</c> and <c>COLLATE NOACCENT</c> too; <c>Max</c>, <c>OrderBy</c> and
/// <c>MinBy</c> of strings order them in the culture's order (a rank table), ties in key order; in batches (one grouped
/// statement) and online (the rows fetched per key).</summary>
public sealed class DistinctTextTests
{
    private static readonly DateTime T0 = new(2026, 5, 1);

    // Per herbarium, its sheets' labels in key order; the folded column holds the same text.
    private static readonly Dictionary<long, string[]> Herbaria = new()
    {
        [1] = ["Rosa canina", "rosa canina", "ROSA CANINA", "Rosa canina"],
        [2] = ["Anémone", "Anemone", "Ane\u0301mone", "anémone"],
        [3] = ["Salix ", "Salix", "Salix\0", "Salix\0 ", "Salix"],
        [4] = ["ß", "ss", "SS", "ẞ", "😀", "😀 "],
        [5] = ["solo"],
        [6] = [],
    };

    private static readonly string[] Outputs = ["herbarium.distinct_labels", "herbarium.distinct_folded", "herbarium.distinct_recent_labels[3d]",
        "herbarium.last_label", "herbarium.first_folded", "herbarium.pressed_at_of_smallest_label"];

    private DuckDbSource _db = null!;
    private ChalkEngine _engine = null!;

    private static DateTime PressedAt(int index) => T0.AddDays(index);

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = new DuckDbSource("Data Source=:memory:");
        await _db.UseConnectionAsync(async c =>
        {
            using (var create = c.CreateCommand())
            {
                create.CommandText = "create table herbaria(id bigint); " +
                    "create table sheets(id bigint, herbarium_id bigint, label varchar collate nocase, folded varchar collate noaccent, pressed_at timestamp)";
                create.ExecuteNonQuery();
            }
            long id = 1;
            foreach (var (herbarium, labels) in Herbaria)
            {
                using (var insert = c.CreateCommand())
                {
                    insert.CommandText = "insert into herbaria values ($1)";
                    insert.Parameters.Add(new DuckDBParameter(herbarium));
                    await insert.ExecuteNonQueryAsync();
                }
                for (int i = 0; i < labels.Length; i++)
                {
                    using var sheet = c.CreateCommand();
                    // Bytes decoded in SQL: DuckDB.NET passes a string parameter as a C string, which would end at the NUL.
                    sheet.CommandText = "insert into sheets values ($1, $2, decode($3), decode($3), $4)";
                    sheet.Parameters.Add(new DuckDBParameter(id++));
                    sheet.Parameters.Add(new DuckDBParameter(herbarium));
                    sheet.Parameters.Add(new DuckDBParameter(System.Text.Encoding.UTF8.GetBytes(labels[i])));
                    sheet.Parameters.Add(new DuckDBParameter(PressedAt(i)));
                    await sheet.ExecuteNonQueryAsync();
                }
            }
        });
        _engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Herbarium), typeof(HerbariumSheet))
            .AddSource("herbaria", _db, disposeWithEngine: false)
            .AddSqlResolver("herbarium.chalk.sql", "-- resolves: Herbarium\n-- source: herbaria\nselect id from herbaria\n")
            .AddSqlResolver("sheet.chalk.sql", "-- resolves: HerbariumSheet\n-- source: herbaria\nselect id, herbarium_id, label, folded, pressed_at from sheets\n")
            .Build();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    // Plain C# over the sheets visible at asOf, in the order of Outputs.
    private static object?[] Expected(long herbarium, DateTime asOf)
    {
        var sheets = Herbaria[herbarium].Select((label, i) => new HerbariumSheet { Id = i, Label = label, Folded = label, PressedAt = PressedAt(i) })
            .Where(s => s.PressedAt <= asOf);
        var h = new Herbarium { Id = herbarium, Sheets = new DataFrame<HerbariumSheet>(sheets) };
        return [h.DistinctLabels, h.DistinctFolded, h.DistinctRecentLabels(new Window(asOf - TimeSpan.FromDays(3), asOf)),
            h.LastLabel, h.FirstFolded, h.PressedAtOfSmallestLabel];
    }

    [Test]
    public void The_distinct_counts_are_pushed_down()
    {
        var plan = _engine.Explain(["herbarium.id"], Outputs, online: false);
        Assert.That(plan, Does.Contain("pushed down"));
        Assert.That(plan, Does.Not.Contain("Aggregate herbarium.sheets in engine"));
        Assert.That(plan, Does.Contain("strings ranked in the query's culture into __chalk_rank_0"));
        Assert.That(plan, Does.Contain("strings ranked in the query's culture into __chalk_rank_1"));
    }

    [Test]
    public async Task A_batch_counts_ordinally_distinct_strings_on_collated_columns()
    {
        long[] keys = [1, 2, 3, 4, 5, 6, 2, 3, 4, 1];
        var asOf = keys.Select((k, i) => T0.AddDays(i % 6).AddHours(1)).ToArray();
        var result = await _engine.QueryBatchDetailedAsync(KeyBatches.At("herbarium.id", keys, asOf), Outputs, asOf: "ts");
        Assert.That(result.Errors, Is.Empty);
        for (int r = 0; r < keys.Length; r++)
        {
            var row = TableRows.Row(result.Table, r, Outputs.Length);
            Assert.That(row, Is.EqualTo(Expected(keys[r], asOf[r])), $"herbarium {keys[r]} as of {asOf[r]:u}");
        }
    }

    [Test]
    public async Task An_online_query_counts_them_the_same_way([Values(1L, 2L, 3L, 4L, 5L, 6L)] long herbarium)
    {
        var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["herbarium.id"] = herbarium }, Outputs);
        Assert.That(result.Errors, Is.Empty);
        // An online query is as of now: every sheet is visible, none is in the last three days.
        var expected = Expected(herbarium, DateTime.UtcNow);
        Assert.That(Outputs.Select(o => result[o]).ToArray(), Is.EqualTo(expected));
    }
}
