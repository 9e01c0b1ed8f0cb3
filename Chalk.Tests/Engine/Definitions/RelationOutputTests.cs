using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Definitions.Cycles;

namespace Chalk.Tests.Engine.Definitions;

/// <summary>Asking for a relation itself is a plan error that says what to ask for instead, on every entry point
/// (it was an internal error "read before it was computed", and explain called the relation an input).</summary>
public sealed class RelationOutputTests
{
    private DuckDbSource _source = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _source = await GreenhouseDatabase.CreateAsync();
        _engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(House), typeof(Bench), typeof(Crate), typeof(Bulb))
            .AddSource("db", _source, disposeWithEngine: false)
            .AddSqlResolver("benches.chalk.sql", "-- resolves: Bench\n-- source: db\nselect id, house_id, share from benches\n")
            .AddSqlResolver("houses.chalk.sql", "-- resolves: House\n-- source: db\nselect id, area from houses\n")
            .AddSqlResolver("bulbs.chalk.sql", "-- resolves: Bulb\n-- source: db\nselect id, house_id as crate_id from benches\n")
            .Build();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _source.DisposeAsync();
    }

    private static readonly Dictionary<string, object?> s_bench = new() { ["bench.id"] = 1L };

    [Test]
    public async Task A_has_one_relation_as_an_online_output_lists_the_related_features_to_ask_for()
    {
        var ex = await Assert.ThrowsAsync<ChalkPlanException>(() => _engine.QueryAsync(s_bench, ["bench.share", "bench.house"]));
        Assert.That(ex!.Message, Does.Contain("bench.house is a has-one relation to House")
            .And.Contain("bench.house.area").And.Contain("bench.house.load"));
    }

    [Test]
    public async Task A_has_many_relation_reached_through_a_has_one_names_the_aggregates_computed_from_it()
    {
        var ex = await Assert.ThrowsAsync<ChalkPlanException>(() => _engine.QueryAsync(s_bench, ["bench.house.benches"]));
        Assert.That(ex!.Message, Does.Contain("bench.house.benches is a has-many relation to Bench")
            .And.Contain("bench.house.load").And.Contain("bench.house.spread"));
    }

    [Test]
    public async Task A_has_many_relation_with_no_aggregate_says_how_to_add_one()
    {
        var ex = await Assert.ThrowsAsync<ChalkPlanException>(() => _engine.QueryAsync(new Dictionary<string, object?> { ["crate.id"] = 1L }, ["crate.bulbs"]));
        Assert.That(ex!.Message, Does.Contain("crate.bulbs is a has-many relation to Bulb").And.Contain("Bulbs.Count()"));
    }

    [Test]
    public async Task A_relation_output_in_a_batch_query_is_the_same_plan_error()
    {
        var ex = await Assert.ThrowsAsync<ChalkPlanException>(() => _engine.QueryBatchAsync(MarketplaceQueryTests.Batch("bench.id", [1L, 2L]), ["bench.house"]));
        Assert.That(ex!.Message, Does.Contain("has-one relation to House"));
    }

    [Test]
    public void Explain_refuses_a_relation_output_instead_of_calling_it_an_input()
    {
        var ex = Assert.Throws<ChalkPlanException>(() => _engine.Explain(["bench.id"], ["bench.house"], online: false));
        Assert.That(ex!.Message, Does.Contain("bench.house.area"));
    }

    [Test]
    public async Task The_related_features_it_suggests_answer()
    {
        var row = await _engine.QueryAsync(s_bench, ["bench.house.area", "bench.house.spread"]);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<double>("bench.house.area"), Is.EqualTo(100.0));
        Assert.That(row.Get<double>("bench.house.spread"), Is.EqualTo(20.0));
    }
}
