using System.Globalization;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Aggregation.Culture;

// A choir and its singers. LINQ orders strings with Comparer<string>.Default, the current culture's collation: "anna"
// before "Bert", "co-op" next to "coop", "Émile" next to "emile". An ordinal order would put every capital first.

[Features]
public class Choir
{
    [Primary] public long Id { get; init; }
    public DataFrame<ChoirSinger> Singers { get; init; } = [];

    public string? FirstByName => Singers.OrderBy(s => s.Name).FirstOrDefault()?.Name;
    public string? LastByName => Singers.OrderBy(s => s.Name).LastOrDefault()?.Name;
    public string? FirstByNameDescending => Singers.OrderByDescending(s => s.Name).FirstOrDefault()?.Name;
    public string? MinName => Singers.Min(s => s.Name);
    public string? MaxName => Singers.Max(s => s.Name);
    public long? MinByNameId => Singers.MinBy(s => s.Name)?.Id;
    public long? MaxByNameId => Singers.MaxBy(s => s.Name)?.Id;
    public int DistinctNames => Singers.Select(s => s.Name).Distinct().Count();
}

[Features]
public class ChoirSinger
{
    [Primary] public long Id { get; init; }
    public long ChoirId { get; init; }
    public string Name { get; init; } = "";
}

/// <summary>String orderings in aggregates (OrderBy, Min/Max, MinBy/MaxBy) follow the current culture as LINQ's
/// default comparer does, lifted and per row, online and in batches; Distinct stays ordinal.</summary>
[TestFixture(true, "en-US")]
[TestFixture(false, "en-US")]
[TestFixture(true, "sv-SE")]
[TestFixture(false, "sv-SE")]
public sealed class StringOrderCultureTests(bool lifting, string culture)
{
    // Per choir, the singers' names in row (primary key) order.
    private static readonly Dictionary<long, string[]> Choirs = new()
    {
        [1] = ["Bert", "anna", "Carl", "bob"],
        [2] = ["coop", "co-op", "Coop", "CO-OP"],
        [3] = ["émile", "Emile", "zoë", "Zed", "öde", "Åsa", "ärlig"],
        [4] = ["b", "B", "a\u00ADb", "ab", "A"],
        [5] = ["solo"],
        [6] = [],
    };

    private static readonly string[] Outputs =
    [
        "choir.first_by_name", "choir.last_by_name", "choir.first_by_name_descending", "choir.min_name", "choir.max_name",
        "choir.min_by_name_id", "choir.max_by_name_id", "choir.distinct_names",
    ];

    private DuckDbSource _db = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = new DuckDbSource("Data Source=:memory:");
        await _db.UseConnectionAsync(async c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "create table choirs(id bigint); create table singers(id bigint, choir_id bigint, name varchar);";
            cmd.ExecuteNonQuery();
            long id = 100;
            foreach (var (choir, names) in Choirs)
            {
                using var insert = c.CreateCommand();
                insert.CommandText = "insert into choirs values ($1)";
                insert.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(choir));
                await insert.ExecuteNonQueryAsync();
                foreach (var name in names)
                {
                    using var singer = c.CreateCommand();
                    singer.CommandText = "insert into singers values ($1, $2, $3)";
                    singer.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(id++));
                    singer.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(choir));
                    singer.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter(name));
                    await singer.ExecuteNonQueryAsync();
                }
            }
        });
        var builder = ChalkEngine.CreateBuilder().AddFeatures(typeof(Choir), typeof(ChoirSinger))
            .AddSource("choirs", _db, disposeWithEngine: false)
            .AddSqlResolver("choir.chalk.sql", "-- resolves: Choir\n-- source: choirs\nselect id from choirs where id = ${choir.id}\n")
            .AddSqlResolver("singer.chalk.sql", "-- resolves: ChoirSinger\n-- source: choirs\nselect id, choir_id, name from singers where choir_id = ${choir_singer.choir_id}\n");
        if (!lifting) builder.DisableLifting();
        _engine = builder.Build();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    // The values plain C# gives under the current culture, in the order of Outputs.
    private static object?[] Expected(long choir)
    {
        long first = 100 + Choirs.Where(c => c.Key < choir).Sum(c => c.Value.Length);
        var singers = new DataFrame<ChoirSinger>(Choirs[choir].Select((n, i) => new ChoirSinger { Id = first + i, ChoirId = choir, Name = n }));
        var c = new Choir { Id = choir, Singers = singers };
        return [c.FirstByName, c.LastByName, c.FirstByNameDescending, c.MinName, c.MaxName, c.MinByNameId, c.MaxByNameId, c.DistinctNames];
    }

    private static object?[] Actual(OnlineResult result) => Outputs.Select(o => result[o]).ToArray();

    [Test]
    public async Task Online_answers_are_linqs_under_the_current_culture([Values(1L, 2L, 3L, 4L, 5L, 6L)] long choir)
    {
        using var _ = new CultureScope(culture);
        var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["choir.id"] = choir }, Outputs);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(Actual(result), Is.EqualTo(Expected(choir)), string.Join(", ", Choirs[choir]));
    }

    [Test]
    public async Task Batch_answers_are_linqs_under_the_current_culture()
    {
        using var _ = new CultureScope(culture);
        long[] keys = [3, 1, 6, 2, 4, 5, 3];
        var ids = new Int64Array.Builder().AppendRange(keys).Build();
        var input = new RecordBatch(new Schema([new Field("choir.id", ids.Data.DataType, false)], null), [ids], ids.Length);
        var result = await _engine.QueryBatchDetailedAsync(input, Outputs);
        Assert.That(result.Errors, Is.Empty);
        for (int r = 0; r < keys.Length; r++)
        {
            var row = TableRows.Row(result.Table, r, Outputs.Length);
            var expected = Expected(keys[r]).Select(v => v is int i ? (object)i : v).ToArray();
            Assert.That(row, Is.EqualTo(expected), $"choir {keys[r]}");
        }
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _saved = CultureInfo.CurrentCulture;

        public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentCulture = _saved;
    }
}
