using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Resolvers;

namespace Chalk.Tests.Engine;

/// <summary>C# resolvers (single, tuple and instance outputs, path parameters), computed properties, and what failures become;
/// run with lifting on and off, since both paths must give the same answers.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class ResolverTests(bool lifting)
{
    private const string Orders = "-- resolves: Order\n-- source: db\nselect id, shop_id, subtotal, discount, quantity from orders where id = ${order.id}\n";
    private const string Shops = "-- resolves: Shop\n-- source: db\nselect id, name, tax_rate from shops\n";

    private DuckDbSource _source = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _source = new DuckDbSource("Data Source=:memory:");
        await _source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                create table shops(id bigint, name varchar, tax_rate double);
                insert into shops values (1, 'Corner', 0.1), (2, 'Mall', 0.2);
                create table orders(id bigint, shop_id bigint, subtotal double, discount double, quantity integer);
                insert into orders values (1, 1, 100, 10, 4), (2, 2, 50, null, 3), (3, 1, 30, 40, 0), (4, 9, 20, null, 2);
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
    }

    [OneTimeTearDown]
    public ValueTask TearDown() => _source.DisposeAsync();

    private ChalkEngineBuilder Builder(string orders = Orders, string shops = Shops)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Order), typeof(Shop), typeof(OrderResolvers))
            .AddSource("db", _source, disposeWithEngine: false)
            .AddSqlResolver("orders.chalk.sql", orders)
            .AddSqlResolver("shops.chalk.sql", shops);
        return lifting ? builder : builder.DisableLifting();
    }

    private async Task<OnlineResult> QueryAsync(long id, params string[] outputs)
    {
        await using var engine = Builder().Build();
        return await engine.QueryAsync(new Dictionary<string, object?> { ["order.id"] = id }, outputs);
    }

    [Test]
    public async Task Single_tuple_and_instance_outputs_and_path_parameters_all_resolve()
    {
        var row = await QueryAsync(1, "order.total", "order.unit_price", "order.label", "order.tax", "order.net", "order.summary");
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<double>("order.total"), Is.EqualTo(90.0));
        Assert.That(row.Get<double>("order.unit_price"), Is.EqualTo(25.0));
        Assert.That(row.Get<string>("order.label"), Is.EqualTo("4 items"));
        Assert.That(row.Get<double>("order.tax"), Is.EqualTo(9.0));
        Assert.That(row.Get<double>("order.net"), Is.EqualTo(81.0));
        Assert.That(row.Get<string>("order.summary"), Is.EqualTo("Corner: 90.00"));
    }

    [Test]
    public async Task A_resolver_that_throws_gives_null_and_a_row_error_not_a_crashed_query()
    {
        var row = await QueryAsync(3, "order.unit_price", "order.label", "order.total", "order.risky");
        Assert.That(row["order.unit_price"], Is.Null);
        Assert.That(row["order.label"], Is.Null);
        Assert.That(row.Get<double>("order.total"), Is.EqualTo(0.0));
        Assert.That(row.Get<int>("order.risky"), Is.EqualTo(-33));
        var error = row.Errors.Single(e => e.Feature == "order.unit_price");
        Assert.That(error.Message, Does.Contain("OrderResolvers.PriceAndLabel").And.Contain("an order needs at least one item"));
        var ex = Assert.Throws<ChalkResolverException>(() => row.Get<double>("order.unit_price"));
        Assert.That(ex!.Message, Does.Contain("an order needs at least one item"));
    }

    [Test]
    public async Task A_computed_property_that_throws_on_some_rows_fails_only_those_rows()
    {
        await using var engine = Builder().Build();
        var batch = await engine.QueryBatchDetailedAsync(MarketplaceQueryTests.Batch("order.id", [1L, 2L, 3L]), ["order.risky", "order.per_item"]);
        var risky = (Apache.Arrow.Int32Array)batch.Table.Column(0);
        Assert.That(risky.GetValue(0), Is.EqualTo(100));
        Assert.That(risky.GetValue(1), Is.Null);
        Assert.That(risky.GetValue(2), Is.EqualTo(-33));
        Assert.That(batch.Errors.Single().Feature, Is.EqualTo("order.risky"));
        Assert.That(batch.Errors.Single().Row, Is.EqualTo(1));
        Assert.That(batch.Errors.Single().Message, Does.Contain("Order.Risky").And.Contain("divide by zero").IgnoreCase);
        Assert.That(((Apache.Arrow.DoubleArray)batch.Table.Column(1)).GetValue(2), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public async Task A_missing_related_row_leaves_features_through_it_null()
    {
        var row = await QueryAsync(4, "order.shop.name", "order.tax", "order.total");
        Assert.That(row["order.shop.name"], Is.Null);
        Assert.That(row["order.tax"], Is.Null);
        Assert.That(row.Get<double>("order.total"), Is.EqualTo(20.0));
        Assert.That(row.Errors, Is.Empty);
    }

    [TestCase("-- resolves: Ordr\n-- source: db\nselect id from orders", 1, "did you mean 'Order'")]
    [TestCase("-- resolves: Order\n-- source: warehouse\nselect id from orders", 2, "configured: db")]
    [TestCase("-- resolves: Order\n-- source: db\nselect id,\n  subtotal as sub_total\nfrom orders", 4, "column 'sub_total' maps to no feature")]
    [TestCase("-- resolves: Order\n-- source: db\nselect id from orders\nwhere id = ${order.idd}", 4, "order.idd")]
    [TestCase("-- resolves: Order\n-- source: db\nselect id from orders\nwhere id = ${shop.id}", 4, "must name a scalar feature of Order")]
    [TestCase("-- resolves: Order\n-- source: db\nselect id, subtotal as per_item from orders", 3, "computed by Order.PerItem")]
    [TestCase("-- resolves: Order\n-- source: db\nselect id, nope from orders", 3, "does not run on source 'db'")]
    public void A_bad_sql_file_is_a_definition_error_naming_file_and_line(string orders, int line, string fragment)
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Builder(orders).Build());
        Assert.That(ex!.File, Is.EqualTo("orders.chalk.sql"));
        Assert.That(ex.Line, Is.EqualTo(line));
        Assert.That(ex.Message, Does.Contain(fragment));
    }

    [Test]
    public void A_column_whose_type_does_not_fit_its_feature_is_a_plan_error_naming_both()
    {
        var ex = Assert.Throws<ChalkPlanException>(() => Builder("-- resolves: Order\n-- source: db\nselect id, 'x' || id as subtotal from orders").Build());
        Assert.That(ex!.Message, Does.Contain("orders.chalk.sql:3").And.Contain("subtotal").And.Contain("order.subtotal").And.Contain("double"));
    }

    [Test]
    public async Task A_feature_nobody_resolves_is_a_plan_error_saying_how_to_resolve_it()
    {
        await using var engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(Order), typeof(Shop))
            .AddSource("db", _source, disposeWithEngine: false).AddSqlResolver("shops.chalk.sql", Shops).Build();
        var ex = await Assert.ThrowsAsync<ChalkPlanException>(() =>
            engine.QueryAsync(new Dictionary<string, object?> { ["order.id"] = 1L }, ["order.subtotal"]));
        Assert.That(ex!.Message, Does.Contain("no resolver computes order.subtotal").And.Contain(".chalk.sql"));
    }

    [Test]
    public async Task An_offline_sql_file_serves_batch_queries_but_not_online_ones()
    {
        await using var engine = Builder("-- resolves: Order\n-- source: db\n-- type: offline\nselect id, shop_id, subtotal, discount, quantity from orders where id = ${order.id}\n").Build();
        var ex = await Assert.ThrowsAsync<ChalkPlanException>(() =>
            engine.QueryAsync(new Dictionary<string, object?> { ["order.id"] = 1L }, ["order.subtotal"]));
        Assert.That(ex!.Message, Does.Contain("offline"));
        var batch = await engine.QueryBatchAsync(MarketplaceQueryTests.Batch("order.id", [1L, 2L]), ["order.subtotal"]);
        Assert.That(((Apache.Arrow.DoubleArray)batch.Column(0)).GetValue(1), Is.EqualTo(50.0));
    }

    [Test]
    public async Task Lifted_order_features_agree_with_their_methods_on_random_rows()
    {
        await using var engine = Builder().Build();
        var results = await engine.VerifyLiftingAsync(rows: 3000, seed: 5);
        Assert.That(results.Where(r => !r.Agrees).SelectMany(r => r.Disagreements.Prepend(r.Resolver)), Is.Empty);
        if (lifting) Assert.That(results.Select(r => r.Resolver), Does.Contain("Order.PerItem").And.Contain("OrderResolvers.Total"));
        else Assert.That(results, Is.Empty);
    }
}
