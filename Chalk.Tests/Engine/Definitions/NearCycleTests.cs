using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Definitions.Cycles;

namespace Chalk.Tests.Engine.Definitions;

/// <summary>Definitions that look like cycles but are not, or whose cycle another resolver breaks: they build and answer.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class NearCycleTests(bool lifting)
{
    private DuckDbSource _source = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _source = await GreenhouseDatabase.CreateAsync();

    [OneTimeTearDown]
    public ValueTask TearDown() => _source.DisposeAsync();

    private ChalkEngine Build(Type[] types, params (string Name, string Text)[] files)
    {
        var builder = ChalkEngine.CreateBuilder().AddFeatures(types).AddSource("db", _source, disposeWithEngine: false);
        foreach (var (name, text) in files) builder.AddSqlResolver(name, text);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    [Test]
    public async Task A_lookup_keyed_by_a_feature_computed_from_its_column_builds_when_a_table_file_also_selects_that_column()
    {
        await using var engine = Build([typeof(Plant), typeof(PlantResolvers)],
            ("plants_by_tag.chalk.sql", "-- resolves: Plant\n-- source: db\nselect id, species from plants where tag = ${plant.tag}\n"),
            ("plants.chalk.sql", "-- resolves: Plant\n-- source: db\nselect id, species from plants\n"));
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["plant.id"] = 2L }, ["plant.species", "plant.tag", "plant.label"]);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<string>("plant.label"), Is.EqualTo("moss/MOSS"));
        var byTag = await engine.QueryAsync(new Dictionary<string, object?> { ["plant.tag"] = "FERN" }, ["plant.species"]);
        Assert.That(byTag.Get<string>("plant.species"), Is.EqualTo("fern"));
    }

    [Test]
    public async Task A_chain_of_computed_properties_and_one_reading_another_on_its_parent_is_not_a_cycle()
    {
        await using var engine = Build([typeof(Shoot)], ("shoots.chalk.sql", "-- resolves: Shoot\n-- source: db\nselect id, parent_id, length from shoots\n"));
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["shoot.id"] = 2L }, ["shoot.padded", "shoot.parent_length"]);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<double>("shoot.padded"), Is.EqualTo(11.0));
        Assert.That(row.Get<double>("shoot.parent_length"), Is.EqualTo(6.0));
    }

    [Test]
    public async Task A_parent_aggregate_of_a_child_feature_read_from_another_parent_feature_is_not_a_cycle()
    {
        await using var engine = Build([typeof(House), typeof(Bench)],
            ("benches.chalk.sql", "-- resolves: Bench\n-- source: db\nselect id, house_id from benches\n"),
            ("houses.chalk.sql", "-- resolves: House\n-- source: db\nselect id, area from houses\n"));
        var row = await engine.QueryAsync(new Dictionary<string, object?> { ["house.id"] = 1L }, ["house.spread"]);
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<double>("house.spread"), Is.EqualTo(20.0));
    }
}
