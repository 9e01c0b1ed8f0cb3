using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Sql.Sources;

/// <summary>
/// String keys with NUL through the engine on DuckDB: a lookup of one key and of many keys (the lateral parameter
/// table), and aggregates pushed down to DuckDB over a loaded key table. Each key gets its own locker's values.
/// </summary>
public sealed class DuckDbNulKeyEngineTests
{
    [Features(Name = "nul_locker")]
    public class NulLocker
    {
        [Primary] public string Code { get; init; } = "";
        public string Site { get; init; } = "";
        [HasMany(ForeignKey = nameof(NulDelivery.LockerCode))]
        public DataFrame<NulDelivery> Deliveries { get; init; } = [];
        public long DeliveryCount => Deliveries.Count;
        public double TotalWeight => Deliveries.Sum(d => d.Weight);
    }

    [Features(Name = "nul_delivery")]
    public class NulDelivery
    {
        [Primary] public long Id { get; init; }
        public string LockerCode { get; init; } = "";
        public double Weight { get; init; }
    }

    // Code, site, and the weights of its deliveries.
    private static readonly (string Code, string Site, double[] Weights)[] s_lockers =
    [
        ("A7", "north", [1.0]),
        ("A7\0", "east", [2.0, 2.0]),
        ("\0A7", "west", [3.0, 3.0, 3.0]),
        ("A7\0B", "south", [4.0, 4.0, 4.0, 4.0]),
        ("", "centre", [5.0]),
        ("\0", "harbour", [6.0, 6.0]),
    ];

    private static readonly string[] s_keys = ["A7\0B", "A7", "A7\0", "\0A7", "", "\0", "A7\0Z", "A", "A7\0B", "\0\0", "A7", "A7\0", "\0A7", "A7\0B"];

    private DuckDbSource _source = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task CreateLockers()
    {
        _source = new DuckDbSource("Data Source=:memory:");
        await _source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "create table lockers (code varchar, site varchar); create table deliveries (id bigint, locker_code varchar, weight double)";
            cmd.ExecuteNonQuery();
            // Loaded through DuckDB's appender as bytes: NUL kept.
            using (var lockers = c.CreateAppender("lockers"))
            {
                foreach (var (code, site, _) in s_lockers) lockers.CreateRow().AppendValue(Utf8(code)).AppendValue(Utf8(site)).EndRow();
            }
            using var deliveries = c.CreateAppender("deliveries");
            long id = 0;
            foreach (var (code, _, weights) in s_lockers)
            {
                foreach (var w in weights) deliveries.CreateRow().AppendValue((long?)id++).AppendValue(Utf8(code)).AppendValue((double?)w).EndRow();
            }
            return Task.CompletedTask;
        });
        _engine = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(NulLocker), typeof(NulDelivery))
            .AddSource("db", _source, disposeWithEngine: false)
            .AddSqlResolver("nul_lockers.chalk.sql", "-- resolves: NulLocker\n-- source: db\n-- count: 1\nselect code, site from lockers where code = ${nul_locker.code}\n")
            .AddSqlResolver("nul_deliveries.chalk.sql", "-- resolves: NulDelivery\n-- source: db\nselect id, locker_code, weight from deliveries\n")
            .Build();
    }

    [OneTimeTearDown]
    public async Task DisposeAll()
    {
        await _engine.DisposeAsync();
        await _source.DisposeAsync();
    }

    [Test]
    public void The_aggregates_are_pushed_down_to_DuckDB()
        => Assert.That(_engine.Explain(["nul_locker.code"], ["nul_locker.delivery_count"]), Does.Contain("Aggregate pushed down into nul_deliveries.chalk.sql"));

    [Test]
    public async Task Many_keys_in_one_batch_each_get_their_own_lockers_site_and_aggregates()
    {
        var codes = new StringArray.Builder().AppendRange(s_keys).Build();
        var inputs = new RecordBatch(new Schema([new Field("nul_locker.code", StringType.Default, false)], null), [codes], codes.Length);
        using var result = await _engine.QueryBatchAsync(inputs, ["nul_locker.site", "nul_locker.delivery_count", "nul_locker.total_weight"]);
        for (int row = 0; row < s_keys.Length; row++)
        {
            var locker = s_lockers.Where(l => l.Code == s_keys[row]).Select(l => ((string, double[])?)(l.Site, l.Weights)).SingleOrDefault();
            var shown = s_keys[row].Replace("\0", "\\0", StringComparison.Ordinal);
            Assert.That(ArrowValues.Get(result.Column(0), row), Is.EqualTo(locker?.Item1), $"site of \"{shown}\"");
            // A code no locker has: its count is 0 or missing (null), never another locker's count.
            Assert.That(ArrowValues.Get(result.Column(1), row), locker is null ? Is.Null.Or.EqualTo(0L) : Is.EqualTo((long)locker.Value.Item2.Length), $"count of \"{shown}\"");
            if (locker is not null) Assert.That(ArrowValues.Get(result.Column(2), row), Is.EqualTo(locker.Value.Item2.Sum()), $"weight of \"{shown}\"");
        }
    }

    [TestCase(0, "south", 4L)]
    [TestCase(2, "east", 2L)]
    [TestCase(3, "west", 3L)]
    [TestCase(5, "harbour", 2L)]
    public async Task One_key_with_NUL_gets_its_own_locker(int index, string site, long count)
    {
        var code = s_keys[index];
        var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["nul_locker.code"] = code }, ["nul_locker.site", "nul_locker.delivery_count"]);
        Assert.That(result.Get<string>("nul_locker.site"), Is.EqualTo(site));
        Assert.That(result.Get<long>("nul_locker.delivery_count"), Is.EqualTo(count));
    }

    [Test]
    public async Task A_key_table_with_NUL_keys_joins_each_key_to_its_own_rows()
    {
        var keys = new StringArray.Builder().AppendRange(s_keys.Distinct()).Build();
        var table = new RecordBatch(new Schema([new Field("code", StringType.Default, false)], null), [keys], keys.Length);
        using var result = await _source.QueryWithTablesAsync(
            "select k.code, count(d.id) as n from keys k left join deliveries d on d.locker_code = k.code group by k.code",
            [("keys", table)], "nul key table");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var batch in result.Batches)
        {
            for (int i = 0; i < batch.Length; i++) counts[(string)ArrowValues.Get(batch.Column(0), i)!] = (long)ArrowValues.Get(batch.Column(1), i)!;
        }
        Assert.That(counts.Keys, Is.EquivalentTo(s_keys.Distinct()));
        foreach (var key in s_keys.Distinct())
            Assert.That(counts[key], Is.EqualTo(s_lockers.Where(l => l.Code == key).Sum(l => l.Weights.Length)), key.Replace("\0", "\\0", StringComparison.Ordinal));
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
