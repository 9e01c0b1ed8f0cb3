using Apache.Arrow;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Engine.Properties;

// An order's customer (by the order's customer_id) and the customer's loyalty card, keyed by the customer's own id.
// Card 20 is an orphan (no customer 20); customer 30 has no card.

[Features]
public class KeyedOrder
{
    [Primary] public long Id { get; init; }
    public long? CustomerId { get; init; }
    public KeyedCustomer? Customer { get; init; }
}

[Features]
public class KeyedCustomer
{
    [Primary] public long Id { get; init; }
    [HasOne(ForeignKey = nameof(Id))] public KeyedLoyaltyCard? LoyaltyCardById { get; init; }
}

[Features]
public class KeyedLoyaltyCard
{
    [Primary] public long Id { get; init; }
    public long Points { get; init; }
}

/// <summary>What the result lists for a missing row of a has-one keyed by its owner's own primary key, which the random
/// graphs' oracle follows: the row is reported by the key it was looked up by, the owner's <c>id</c>
/// (<c>keyed_order.customer.loyalty_card_by_id: no row for keyed_order.customer.id = 30</c>), and never below a missing
/// owner, even where an orphan row has the key the owner's foreign key names.</summary>
[Category("Properties")]
public sealed class ByOwnKeyMissingRowTests
{
    private const string Points = "keyed_order.customer.loyalty_card_by_id.points";

    private DuckDbSource _db = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = new DuckDbSource("Data Source=:memory:");
        await _db.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                create table orders(id bigint, customer_id bigint);
                insert into orders values (1, 10), (2, 20), (3, null), (4, 30);
                create table customers(id bigint);
                insert into customers values (10), (30);
                create table cards(id bigint, points bigint);
                insert into cards values (10, 7), (20, 99);
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        _engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(KeyedOrder), typeof(KeyedCustomer), typeof(KeyedLoyaltyCard))
            .AddSource("db", _db, disposeWithEngine: false)
            .AddSqlResolver("order.chalk.sql", "-- resolves: KeyedOrder\n-- source: db\nselect id, customer_id from orders where id = ${keyed_order.id}\n")
            .AddSqlResolver("customer.chalk.sql", "-- resolves: KeyedCustomer\n-- source: db\nselect id from customers where id = ${keyed_customer.id}\n")
            .AddSqlResolver("card.chalk.sql", "-- resolves: KeyedLoyaltyCard\n-- source: db\nselect id, points from cards where id = ${keyed_loyalty_card.id}\n")
            .Build();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _db.DisposeAsync();
    }

    [TestCase(1L, 7L, "")]
    [TestCase(2L, null, "keyed_order.customer: no row for keyed_order.customer_id = 20")]
    [TestCase(3L, null, "keyed_order.customer: keyed_order.customer_id is null, so there is no row")]
    [TestCase(4L, null, "keyed_order.customer.loyalty_card_by_id: no row for keyed_order.customer.id = 30")]
    public async Task Online_a_missing_card_is_reported_by_its_customers_id_and_an_orphan_card_stays_invisible(long order, long? points, string missing)
    {
        var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["keyed_order.id"] = order }, [Points]);
        Assert.That(result[Points], Is.EqualTo(points));
        Assert.That(string.Join("; ", result.MissingRows), Is.EqualTo(missing));
    }

    [Test]
    public async Task In_a_batch_each_row_lists_the_same_missing_rows()
    {
        var ids = new Int64Array.Builder().AppendRange([4, 2, 1]).Build();
        var input = new RecordBatch(new Schema([new Field("keyed_order.id", ids.Data.DataType, false)], null), [ids], ids.Length);
        var result = await _engine.QueryBatchDetailedAsync(input, [Points]);
        var column = (Int64Array)result.Table.Column(0);
        Assert.That(Enumerable.Range(0, 3).Select(r => column.GetValue(r)), Is.EqualTo(new long?[] { null, null, 7 }));
        Assert.That(result.MissingRows.Select(m => (m.Row, m.ToString())), Is.EquivalentTo(new[]
        {
            (0, "keyed_order.customer.loyalty_card_by_id: no row for keyed_order.customer.id = 30"),
            (1, "keyed_order.customer: no row for keyed_order.customer_id = 20"),
        }));
    }

    [TestCase(30L, "keyed_customer.loyalty_card_by_id: no row for keyed_customer.id = 30")]
    [TestCase(20L, "keyed_customer: no row for keyed_customer.id = 20")]
    public async Task Below_the_root_a_missing_card_is_reported_by_the_roots_id(long customer, string missing)
    {
        var result = await _engine.QueryAsync(new Dictionary<string, object?> { ["keyed_customer.id"] = customer }, ["keyed_customer.loyalty_card_by_id.points"]);
        Assert.That(result["keyed_customer.loyalty_card_by_id.points"], Is.Null);
        Assert.That(string.Join("; ", result.MissingRows), Is.EqualTo(missing));
    }
}
