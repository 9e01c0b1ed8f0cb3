using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Definitions.Conflicts;

namespace Chalk.Tests.Engine.Definitions;

/// <summary>Two resolvers of one feature are a Build() error naming both, unless the documented precedence orders them:
/// a lookup file over a table file for lookups, and lookups by different keys side by side.</summary>
public sealed class ResolverConflictTests
{
    private const string ById = "-- resolves: Pump\n-- source: db\nselect id, name, speed from pumps where id = ${pump.id}\n";
    private const string Table = "-- resolves: Pump\n-- source: db\nselect id, name, speed, rate from pumps\n";

    private DuckDbSource _source = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _source = await GreenhouseDatabase.CreateAsync();

    [OneTimeTearDown]
    public ValueTask TearDown() => _source.DisposeAsync();

    private ChalkEngineBuilder Builder(Type[] types, params (string Name, string Text)[] files)
    {
        var builder = ChalkEngine.CreateBuilder().AddFeatures(types).AddSource("db", _source, disposeWithEngine: false);
        foreach (var (name, text) in files) builder.AddSqlResolver(name, text);
        return builder;
    }

    private static Task<OnlineResult> Pump(ChalkEngine engine, long id, params string[] outputs)
        => engine.QueryAsync(new Dictionary<string, object?> { ["pump.id"] = id }, outputs);

    [Test]
    public void Two_resolver_methods_with_an_output_in_common_are_a_definition_error_naming_both()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Builder([typeof(Pump), typeof(PumpResolvers), typeof(PumpOverrides)]).Build());
        Assert.That(ex!.Message, Does.Contain("pump.rate").And.Contain("PumpResolvers.Rate").And.Contain("PumpOverrides.FasterRate"));
    }

    [Test]
    public void Two_lookup_files_keyed_alike_selecting_one_feature_are_a_definition_error_naming_both_files()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Builder([typeof(Pump)], ("pumps_a.chalk.sql", ById),
            ("pumps_b.chalk.sql", "-- resolves: Pump\n-- source: db\nselect id, speed from pumps where id = ${pump.id}\n")).Build());
        Assert.That(ex!.Message, Does.Contain("pump.speed").And.Contain("pumps_a.chalk.sql").And.Contain("pumps_b.chalk.sql").And.Contain("${pump.id}"));
        Assert.That(ex.Message, Does.Not.Contain("pump.name "), "name is only in one file");
    }

    [Test]
    public void Two_table_files_selecting_one_stored_feature_are_a_definition_error_naming_both_files()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => Builder([typeof(Pump)], ("pumps.chalk.sql", Table),
            ("pump_speeds.chalk.sql", "-- resolves: Pump\n-- source: db\nselect id, speed from pumps\n")).Build());
        Assert.That(ex!.Message, Does.Contain("pump.speed").And.Contain("pumps.chalk.sql").And.Contain("pump_speeds.chalk.sql"));
    }

    [Test]
    public async Task Table_files_sharing_only_the_primary_key_build_and_each_serves_its_columns()
    {
        await using var engine = Builder([typeof(Pump)],
            ("pump_speeds.chalk.sql", "-- resolves: Pump\n-- source: db\nselect id, speed from pumps\n"),
            ("pump_rates.chalk.sql", "-- resolves: Pump\n-- source: db\nselect id, name, rate from pumps\n")).Build();
        var row = await Pump(engine, 2, "pump.speed", "pump.rate");
        Assert.That(row.Get<double>("pump.speed"), Is.EqualTo(4.0));
        Assert.That(row.Get<double>("pump.rate"), Is.EqualTo(98.0));
    }

    [Test]
    public async Task A_lookup_file_and_a_table_file_may_select_the_same_columns()
    {
        await using var engine = Builder([typeof(Pump)], ("pumps_by_id.chalk.sql", ById), ("pumps.chalk.sql", Table)).Build();
        var row = await Pump(engine, 1, "pump.name", "pump.speed");
        Assert.That(row.Get<string>("pump.name"), Is.EqualTo("north"));
        Assert.That(engine.Explain(["pump.id"], ["pump.speed"]), Does.Contain("pumps_by_id.chalk.sql"), "the lookup serves a lookup");
    }

    [Test]
    public async Task Lookup_files_keyed_by_different_features_are_two_ways_to_the_same_row()
    {
        await using var engine = Builder([typeof(Pump)], ("pumps_by_id.chalk.sql", ById),
            ("pumps_by_name.chalk.sql", "-- resolves: Pump\n-- source: db\nselect id, speed from pumps where name = ${pump.name}\n")).Build();
        var byName = await engine.QueryAsync(new Dictionary<string, object?> { ["pump.name"] = "south" }, ["pump.speed"]);
        Assert.That(byName.Get<double>("pump.speed"), Is.EqualTo(4.0));
        Assert.That((await Pump(engine, 1, "pump.speed")).Get<double>("pump.speed"), Is.EqualTo(3.0));
    }

    [Test]
    public void A_resolver_method_and_a_sql_file_selecting_its_output_are_a_definition_error_naming_both()
    {
        // The plan used the file's rate whenever the file was read for speed, whatever the precedence said.
        var ex = Assert.Throws<ChalkDefinitionException>(() => Builder([typeof(Pump), typeof(PumpResolvers)], ("pumps.chalk.sql", Table)).Build());
        Assert.That(ex!.Message, Does.Contain("pump.rate").And.Contain("PumpResolvers.Rate").And.Contain("pumps.chalk.sql").And.Contain("select list"));
    }

    [Test]
    public async Task A_resolver_method_builds_beside_a_file_that_does_not_select_its_output()
    {
        await using var engine = Builder([typeof(Pump), typeof(PumpResolvers)], ("pumps_by_id.chalk.sql", ById)).Build();
        Assert.That((await Pump(engine, 1, "pump.rate")).Get<double>("pump.rate"), Is.EqualTo(30.0));
    }

    [Test]
    public async Task A_lookup_file_that_also_selects_the_feature_it_is_keyed_by_builds_and_answers_from_that_key()
    {
        await using var engine = Builder([typeof(Pump)],
            ("pumps_by_name.chalk.sql", "-- resolves: Pump\n-- source: db\nselect id, name, speed from pumps where name = ${pump.name}\n")).Build();
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["pump.name"] = "north" }, ["pump.speed", "pump.id"]);
        Assert.That(row.Get<double>("pump.speed"), Is.EqualTo(3.0));
        Assert.That(row.Get<long>("pump.id"), Is.EqualTo(1L));
    }
}
