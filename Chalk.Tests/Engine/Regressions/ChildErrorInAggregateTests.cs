using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Regressions;

// Orchards and their trees. A tree's computed feature throws for a tree of age 0 (C#'s integer remainder by zero), so
// an aggregate over an orchard's trees fails for that orchard when LINQ reaches that tree before it stops, and only
// then (random graphs, seed 5Ln5DWjADwE6: the pushed-down Any took the failing row for the row it stops at).

[Features]
public class Orchard
{
    [Primary] public string Id { get; init; } = "";
    public DataFrame<OrchardTree> Trees { get; init; } = [];
    public bool AnyUneven => Trees.Any(t => t.Uneven);
    public long UnevenCount => Trees.Count(t => t.Uneven);
    public bool AllUneven => Trees.All(t => t.Uneven);
    public long FirstUnevenAge => Trees.Where(t => t.Uneven).Select(t => t.Age).FirstOrDefault();
    public long LastUnevenAge => Trees.Where(t => t.Uneven).Select(t => t.Age).LastOrDefault();
}

[Features]
public class OrchardTree
{
    [Primary] public long Id { get; init; }
    public string? OrchardId { get; init; }
    public Orchard? Orchard { get; init; }
    public long Age { get; init; }
    public bool Uneven => (long)Math.Abs(0.0) != 1000L % Age;
}

/// <summary>A computed child feature that throws for one child row: an aggregate over that parent's children that
/// reaches the row is an error for that parent (never a value), the same online and in batches of every size, pushed
/// down, in the engine or per row.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class ChildErrorInAggregateTests(bool lifting)
{
    private const string Fails = "fails";

    // north: its only tree throws. west: 7 passes, then 8 throws (Any and First stop at 7; Last starts at 8).
    // south: 3 passes, 4 does not. 'North ' has trees but no orchard row; east has no trees.
    private static readonly Dictionary<string, Dictionary<string, object?>> Expected = new()
    {
        ["north"] = new() { ["any_uneven"] = Fails, ["uneven_count"] = Fails, ["all_uneven"] = Fails, ["first_uneven_age"] = Fails, ["last_uneven_age"] = Fails },
        ["west"] = new() { ["any_uneven"] = true, ["uneven_count"] = Fails, ["all_uneven"] = Fails, ["first_uneven_age"] = 3L, ["last_uneven_age"] = Fails },
        ["south"] = new() { ["any_uneven"] = true, ["uneven_count"] = 1L, ["all_uneven"] = false, ["first_uneven_age"] = 3L, ["last_uneven_age"] = 3L },
        ["east"] = new() { ["any_uneven"] = false, ["uneven_count"] = 0L, ["all_uneven"] = true, ["first_uneven_age"] = 0L, ["last_uneven_age"] = 0L },
    };

    private DuckDbSource _source = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _source = new DuckDbSource("Data Source=:memory:");
        await _source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                create table orchards(id varchar);
                insert into orchards values ('north'), ('south'), ('east'), ('west');
                create table trees(id bigint, orchard_id varchar, age bigint);
                insert into trees values (1, 'north', 0), (2, 'North ', 8), (3, 'south', 3), (4, 'south', 10), (7, 'west', 3), (8, 'west', 0);
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        var builder = ChalkEngine.CreateBuilder().AddFeatures(typeof(Orchard), typeof(OrchardTree))
            .AddSource("farm", _source, disposeWithEngine: false)
            .AddSqlResolver("orchard.chalk.sql", "-- resolves: Orchard\nselect id from orchards\n")
            .AddSqlResolver("tree.chalk.sql", "-- resolves: OrchardTree\nselect id, orchard_id, age from trees\n");
        if (!lifting) builder.DisableLifting();
        _engine = builder.Build();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _source.DisposeAsync();
    }

    private static IEnumerable<string> Features => Expected["north"].Keys;

    [TestCaseSource(nameof(Features))]
    public async Task An_online_query_gives_each_orchard_its_value_or_its_error(string feature)
    {
        string output = "orchard." + feature;
        foreach (var (orchard, values) in Expected)
        {
            var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["orchard.id"] = orchard }, [output]);
            if (values[feature] is Fails)
            {
                Assert.That(result.Errors.Select(e => e.Feature), Does.Contain(output), orchard);
                Assert.That(result[output], Is.Null, orchard);
            }
            else
            {
                Assert.That(result.Errors, Is.Empty, orchard);
                Assert.That(result[output], Is.EqualTo(values[feature]), orchard);
            }
        }
    }

    [Test]
    public async Task A_batch_gives_each_row_its_value_or_its_error([ValueSource(nameof(Features))] string feature, [Values(1, 2, 10)] int repeat)
    {
        string output = "orchard." + feature;
        string?[] keys = ["North ", null, "north", "west", "west", "south", "east"];
        var rows = Enumerable.Repeat(keys, repeat).SelectMany(k => k).ToArray();
        var builder = new StringArray.Builder();
        foreach (var k in rows) if (k is null) builder.AppendNull(); else builder.Append(k);
        var input = new RecordBatch(new Schema([new Field("orchard.id", Apache.Arrow.Types.StringType.Default, true)], null), [builder.Build()], rows.Length);
        var result = await _engine.QueryBatchDetailedAsync(input, [output]);
        var column = result.Table.Column(0);
        for (var row = 0; row < rows.Length; row++)
        {
            var failed = result.Errors.Any(e => e.Row == row && e.Feature == output);
            var expected = rows[row] is { } key && Expected.TryGetValue(key, out var values) ? values[feature] : null;
            Assert.That(failed, Is.EqualTo(expected is Fails), $"row {row} ({rows[row]}): failed");
            Assert.That(ArrowValues.Get(column, row), Is.EqualTo(expected is Fails ? null : expected), $"row {row} ({rows[row]})");
        }
    }
}
