using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Audit.PowerGrid;

// Two computed features of a transformer that read each other: no value can be computed, Build() must say so.
[Features]
public class GridTransformer
{
    [Primary] public string Id { get; init; } = "";
    public double LoadKw => HeadroomKw * 2;
    public double HeadroomKw => 100 - LoadKw;
}

/// <summary>Mistakes a grid operator makes: each is a <see cref="ChalkException"/> subtype whose message names the
/// culprit, never a raw exception, a crash or a made-up value.</summary>
public sealed class GridBadInputTests
{
    private GridEngines _grid = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _grid = await GridEngines.CreateAsync("duckdb");

    [OneTimeTearDown]
    public async Task TearDown() => await _grid.DisposeAsync();

    private static ChalkEngineBuilder Builder(SqlSource source, params string[] sql)
    {
        var b = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(GridSubstation), typeof(GridMeter), typeof(GridReading), typeof(GridResolvers))
            .AddSource("grid", source, disposeWithEngine: false);
        for (int i = 0; i < sql.Length; i++) b.AddSqlResolver($"bad{i}.chalk.sql", sql[i]);
        return b;
    }

    [Test]
    public async Task An_output_that_does_not_exist_is_a_plan_error_with_a_suggestion()
    {
        await using var engine = _grid.Build(lifting: true);
        var e = await Assert.ThrowsAsync<ChalkPlanException>(() => engine.QueryAsync(new Dictionary<string, object?> { ["grid_meter.id"] = "M-001" }, ["grid_meter.total_kw"]));
        Assert.That(e!.Message, Does.Contain("grid_meter.total_kw").And.Contain("grid_meter.total_kwh"));
    }

    [Test]
    public async Task An_input_that_does_not_exist_is_a_plan_error_naming_it()
    {
        await using var engine = _grid.Build(lifting: true);
        var e = await Assert.ThrowsAsync<ChalkPlanException>(() => engine.QueryAsync(new Dictionary<string, object?> { ["grid_meter.idd"] = "M-001" }, ["grid_meter.owner"]));
        Assert.That(e!.Message, Does.Contain("grid_meter.idd"));
    }

    [Test]
    public async Task A_window_that_is_not_declared_is_a_plan_error_naming_the_windows_there_are()
    {
        await using var engine = _grid.Build(lifting: true);
        var e = await Assert.ThrowsAsync<ChalkPlanException>(() => engine.QueryAsync(new Dictionary<string, object?> { ["grid_meter.id"] = "M-001" }, ["grid_meter.recent_readings[2d]"]));
        Assert.That(e!.Message, Does.Contain("recent_readings").And.Contain("7d"));
    }

    [Test]
    public async Task A_number_given_for_a_string_key_is_an_error_naming_the_feature()
    {
        await using var engine = _grid.Build(lifting: true);
        var e = await Assert.CatchAsync<Exception>(() => engine.QueryAsync(new Dictionary<string, object?> { ["grid_meter.id"] = 7L }, ["grid_meter.owner"]));
        Assert.That(e, Is.InstanceOf<ChalkException>().Or.InstanceOf<ArgumentException>(), e!.ToString());
        Assert.That(e.Message, Does.Contain("grid_meter.id"));
    }

    [Test]
    public async Task A_batch_with_an_integer_column_for_a_string_key_is_an_error_naming_the_column()
    {
        await using var engine = _grid.Build(lifting: true);
        var ids = new Int64Array.Builder().Append(7).Build();
        var batch = new RecordBatch(new Schema([new Field("grid_meter.id", Int64Type.Default, false)], null), [ids], 1);
        var e = await Assert.CatchAsync<Exception>(() => engine.QueryBatchAsync(batch, ["grid_meter.owner"]));
        Assert.That(e, Is.InstanceOf<ChalkException>().Or.InstanceOf<ArgumentException>(), e!.ToString());
        Assert.That(e.Message, Does.Contain("grid_meter.id"));
    }

    [Test]
    public async Task An_as_of_column_that_is_not_in_the_batch_is_an_error_naming_it()
    {
        await using var engine = _grid.Build(lifting: true);
        var batch = GridEngines.Inputs([("M-001", GridData.Now)]);
        var e = await Assert.CatchAsync<Exception>(() => engine.QueryBatchAsync(batch, ["grid_meter.owner"], asOf: "when"));
        Assert.That(e, Is.InstanceOf<ChalkException>().Or.InstanceOf<ArgumentException>(), e!.ToString());
        Assert.That(e.Message, Does.Contain("when"));
    }

    [Test]
    public void Computed_features_that_read_each_other_are_a_cycle_naming_both()
    {
        var e = Assert.Throws<ChalkCycleException>(() => ChalkEngine.CreateBuilder().AddFeatures(typeof(GridTransformer)).Build());
        Assert.That(e!.Message, Does.Contain("LoadKw").And.Contain("HeadroomKw"));
        Assert.That(e.Cycle, Does.Contain("grid_transformer.load_kw").And.Contain("grid_transformer.headroom_kw"));
    }

    [Test]
    public void A_sql_file_with_a_syntax_error_fails_the_build_naming_the_file()
    {
        var (subs, _, readings) = Files();
        var e = Assert.Catch<ChalkException>(() => Builder(SourceOf(), subs, "-- resolves: GridMeter\n-- source: grid\nselect id, substation_id owner, from meters\n", readings).Build());
        Assert.That(e!.Message, Does.Contain("bad1.chalk.sql"));
    }

    [Test]
    public void A_column_of_the_wrong_type_is_a_plan_error_naming_the_column_and_file()
    {
        var (subs, _, readings) = Files();
        var e = Assert.Throws<ChalkPlanException>(() => Builder(SourceOf(), subs, "-- resolves: GridMeter\n-- source: grid\nselect id, substation_id, owner, owner as rating_kw from meters\n", readings).Build());
        Assert.That(e!.Message, Does.Contain("rating_kw").And.Contain("bad1.chalk.sql"));
    }

    [Test]
    public void A_table_that_does_not_exist_fails_the_build_naming_the_file()
    {
        var (subs, _, readings) = Files();
        var e = Assert.Catch<ChalkException>(() => Builder(SourceOf(), subs, "-- resolves: GridMeter\n-- source: grid\nselect id, substation_id, owner from meterz\n", readings).Build());
        Assert.That(e!.Message, Does.Contain("bad1.chalk.sql").And.Contain("meterz"));
    }

    [Test]
    public void A_misspelled_source_is_a_definition_error_with_the_source_there_is()
    {
        var (subs, meters, readings) = Files();
        var e = Assert.Throws<ChalkDefinitionException>(() => Builder(SourceOf(), subs, meters.Replace("source: grid", "source: gird"), readings).Build());
        Assert.That(e!.Message, Does.Contain("gird").And.Contain("bad1.chalk.sql"));
    }

    [Test]
    public void A_database_file_that_does_not_exist_fails_the_build_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chalk-no-such-dir-{Guid.NewGuid():N}", "grid.duckdb");
        var (subs, meters, readings) = Files();
        var e = Assert.Catch<Exception>(() =>
        {
            var source = new DuckDbSource($"Data Source={path};ACCESS_MODE=READ_ONLY");
            Builder(source, subs, meters, readings).Build();
        });
        Assert.That(e, Is.InstanceOf<ChalkException>(), e!.ToString());
        Assert.That(e!.Message, Does.Contain("grid.duckdb"));
    }

    [Test]
    public async Task A_table_dropped_after_build_is_a_resolver_error_naming_the_file_not_a_raw_exception()
    {
        await using var grid = await GridEngines.CreateAsync("duckdb");
        await using var engine = grid.Build(lifting: true);
        await grid.ExecuteAsync("drop table readings");
        var e = await Assert.CatchAsync<Exception>(() => engine.QueryAsync(new Dictionary<string, object?> { ["grid_meter.id"] = "M-001" }, ["grid_meter.total_kwh"]));
        Assert.That(e, Is.InstanceOf<ChalkResolverException>(), e!.ToString());
        Assert.That(e.Message, Does.Contain("grid2.chalk.sql"));
    }

    private SqlSource SourceOf() => _grid.Source;

    private static (string Substations, string Meters, string Readings) Files()
    {
        var sql = GridData.Sql("grid");
        return (sql[0], sql[1], sql[2]);
    }
}
