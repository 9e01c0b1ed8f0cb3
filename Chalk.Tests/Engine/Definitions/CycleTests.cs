using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Definitions.Cycles;

namespace Chalk.Tests.Engine.Definitions;

/// <summary>Every kind of cycle is refused by Build() with the cycle listed in order; none reaches a query, where the
/// per-row path used to recurse until the process died.</summary>
public sealed class CycleTests
{
    private const string PlantsByTag = "-- resolves: Plant\n-- source: db\nselect id, species from plants where tag = ${plant.tag}\n";
    private const string SeedsByCode = "-- resolves: Seed\n-- source: db\nselect id, weight from seeds where code = ${seed.code}\n";
    private const string Benches = "-- resolves: Bench\n-- source: db\nselect id, house_id from benches\n";
    private const string Houses = "-- resolves: House\n-- source: db\nselect id, area from houses\n";

    private DuckDbSource _source = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _source = await GreenhouseDatabase.CreateAsync();

    [OneTimeTearDown]
    public ValueTask TearDown() => _source.DisposeAsync();

    private static ChalkCycleException BuildFails(params Type[] types)
        => Assert.Throws<ChalkCycleException>(() => ChalkEngine.CreateBuilder().AddFeatures(types).Build())!;

    private ChalkCycleException BuildFails(Type[] types, params (string Name, string Text)[] files)
    {
        var builder = ChalkEngine.CreateBuilder().AddFeatures(types).AddSource("db", _source, disposeWithEngine: false);
        foreach (var (name, text) in files) builder.AddSqlResolver(name, text);
        return Assert.Throws<ChalkCycleException>(() => builder.Build())!;
    }

    private static void AssertClosedCycle(ChalkCycleException ex, params string[] members)
    {
        Assert.That(ex.Cycle, Has.Count.GreaterThan(1));
        Assert.That(ex.Cycle[^1], Is.EqualTo(ex.Cycle[0]), "a cycle ends where it starts");
        Assert.That(ex.Message, Does.Contain(string.Join(" -> ", ex.Cycle)), "the message lists the cycle in order");
        Assert.That(ex.Message, Does.Contain("break it"));
        foreach (var m in members) Assert.That(ex.Message, Does.Contain(m));
    }

    [Test]
    public void Two_computed_properties_reading_each_other_are_refused_at_build_with_the_cycle_in_order()
    {
        var ex = BuildFails(typeof(Bed));
        Assert.That(ex.Cycle, Is.EqualTo(new[] { "bed.a", "bed.b", "bed.a" }));
        AssertClosedCycle(ex, "Bed.A", "Bed.B");
    }

    [Test]
    public void The_cycle_is_refused_with_lifting_off_too_where_the_getters_would_run_per_row()
    {
        Assert.Throws<ChalkCycleException>(() => ChalkEngine.CreateBuilder().AddFeatures(typeof(Bed)).DisableLifting().Build());
    }

    [Test]
    public void A_cycle_through_a_private_helper_and_a_lambda_is_found()
    {
        var ex = BuildFails(typeof(Tray));
        Assert.That(ex.Cycle, Is.EquivalentTo(new[] { "tray.water", "tray.light", "tray.water" }).Or.EquivalentTo(new[] { "tray.light", "tray.water", "tray.light" }));
        AssertClosedCycle(ex, "Tray.Water", "Tray.Light");
    }

    [Test]
    public void A_cycle_through_a_static_helper_in_another_class_is_found()
    {
        var ex = BuildFails(typeof(Trellis));
        AssertClosedCycle(ex, "Trellis.Height", "Trellis.Shade");
    }

    [Test]
    public void A_computed_property_reading_itself_on_a_related_object_of_its_own_class_is_a_cycle()
    {
        var ex = BuildFails(typeof(Cutting));
        Assert.That(ex.Cycle, Is.EqualTo(new[] { "cutting.generation", "cutting.generation" }));
        AssertClosedCycle(ex, "Cutting.Generation");
    }

    [Test]
    public void A_cycle_through_has_one_relations_back_to_the_first_class_is_found()
    {
        var ex = BuildFails(typeof(Pot), typeof(Soil));
        Assert.That(ex.Cycle, Does.Contain("pot.moisture").And.Contain("soil.capacity"));
        AssertClosedCycle(ex, "Pot.Moisture", "Soil.Capacity");
    }

    [Test]
    public void A_cycle_between_a_windowed_method_and_a_computed_property_is_found()
    {
        var ex = BuildFails(typeof(Sensor));
        Assert.That(ex.Cycle, Does.Contain("sensor.alarm"));
        AssertClosedCycle(ex, "Sensor.Alarm", "Sensor.Readings");
    }

    [Test]
    public void Three_resolver_methods_in_a_ring_are_listed_in_the_order_they_read_each_other()
    {
        var ex = BuildFails(typeof(Valve), typeof(ValveResolvers));
        Assert.That(ex.Cycle, Is.EqualTo(new[] { "valve.flow", "valve.pressure", "valve.setting", "valve.flow" }));
        AssertClosedCycle(ex, "ValveResolvers.Flow", "ValveResolvers.Pressure", "ValveResolvers.Setting");
    }

    [Test]
    public void A_sql_file_keyed_by_a_feature_computed_from_its_own_column_is_a_cycle_naming_the_file()
    {
        var ex = BuildFails([typeof(Plant), typeof(PlantResolvers)], ("plants_by_tag.chalk.sql", PlantsByTag));
        Assert.That(ex.Cycle, Is.EqualTo(new[] { "plant.species", "plant.tag", "plant.species" }));
        AssertClosedCycle(ex, "plants_by_tag.chalk.sql", "PlantResolvers.Tag");
    }

    [Test]
    public void Two_sql_files_each_keyed_by_the_column_the_other_selects_are_a_cycle_naming_both_files()
    {
        var ex = BuildFails([typeof(Plant)],
            ("plants_by_tag.chalk.sql", PlantsByTag),
            ("plants_by_species.chalk.sql", "-- resolves: Plant\n-- source: db\nselect id, tag from plants where species = ${plant.species}\n"));
        Assert.That(ex.Cycle, Is.EqualTo(new[] { "plant.species", "plant.tag", "plant.species" }));
        AssertClosedCycle(ex, "plants_by_tag.chalk.sql", "plants_by_species.chalk.sql");
    }

    [Test]
    public void A_cycle_through_a_computed_property_a_resolver_method_and_a_sql_file_names_all_three()
    {
        var ex = BuildFails([typeof(Seed), typeof(SeedResolvers)], ("seeds_by_code.chalk.sql", SeedsByCode));
        Assert.That(ex.Cycle, Has.Count.EqualTo(4));
        Assert.That(ex.Cycle, Does.Contain("seed.weight").And.Contain("seed.code").And.Contain("seed.batch"));
        AssertClosedCycle(ex, "seeds_by_code.chalk.sql", "Seed.Code", "SeedResolvers.Batch");
    }

    [Test]
    public void A_parent_aggregate_of_a_child_feature_resolved_from_that_aggregate_is_a_cycle_through_the_relation()
    {
        var ex = BuildFails([typeof(House), typeof(Bench), typeof(BenchResolvers)], ("benches.chalk.sql", Benches), ("houses.chalk.sql", Houses));
        Assert.That(ex.Cycle, Does.Contain("house.load").And.Contain("bench.share"));
        AssertClosedCycle(ex, "BenchResolvers.Share", "House.Load");
    }

    [Test]
    public void A_cycle_through_a_relation_is_refused_even_where_another_resolver_could_break_it_since_planning_would_never_end()
    {
        // rack.share also comes from the table file, but the planner tries the lookup by code first and would follow
        // rack -> hall -> racks -> rack ... without ever meeting the same column twice.
        var ex = BuildFails([typeof(Hall), typeof(Rack)],
            ("racks_by_hall.chalk.sql", "-- resolves: Rack\n-- source: db\nselect id, hall_id from racks where hall_id = ${rack.hall_id}\n"),
            ("racks_by_code.chalk.sql", "-- resolves: Rack\n-- source: db\nselect id, share from racks where code = ${rack.code}\n"),
            ("racks.chalk.sql", "-- resolves: Rack\n-- source: db\nselect id, hall_id, share from racks\n"));
        // Rack.Code runs Hall.Load inline, so it reads rack.hall.racks.share itself.
        Assert.That(ex.Cycle, Does.Contain("rack.share").And.Contain("rack.code"));
        AssertClosedCycle(ex, "racks_by_code.chalk.sql", "Rack.Code", "rack.hall.racks.share", "related object");
    }

    [Test]
    public void A_cycle_exception_is_a_plan_exception_so_existing_handlers_still_catch_it()
    {
        Assert.That(BuildFails(typeof(Bed)), Is.InstanceOf<ChalkPlanException>());
    }
}
