using System.Diagnostics;
using Apache.Arrow;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Engine.Diagnostics;

/// <summary>The <c>Chalk</c> activity source: a span per query with its shape and the store's hits and misses, and under it
/// a span per plan operator that ran, named by its kind and resolver; failures carry the error status.</summary>
public sealed class EngineTracingTests
{
    private DuckDbSource _bikes = null!;

    [OneTimeSetUp]
    public async Task CreateTheBikeShare() => _bikes = await BikeShare.CreateAsync();

    [OneTimeTearDown]
    public async Task DisposeTheBikeShare() => await _bikes.DisposeAsync();

    private ChalkEngine Build() => ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().Build();

    [Test]
    public async Task An_online_query_is_one_span_with_a_child_span_per_operator_of_each_kind()
    {
        await using var engine = Build();
        using var recorder = new SpanRecorder();
        var row = await engine.QueryAsync(BikeShare.StationId(1), ["station.dock_share", "station.initials", "station.forecast", "station.ride_count"]);
        Assert.That(row.Errors, Is.Empty);

        var spans = recorder.Spans;
        var query = spans.Single(s => s.OperationName == "chalk.query");
        Assert.That(query.DisplayName, Is.EqualTo("chalk.query online"));
        Assert.That(query.GetTagItem("chalk.query.kind"), Is.EqualTo("online"));
        Assert.That(query.GetTagItem("chalk.outputs"), Is.EqualTo(4));
        Assert.That(query.GetTagItem("chalk.rows"), Is.EqualTo(1));
        Assert.That(query.GetTagItem("chalk.store.hits"), Is.EqualTo(0));
        Assert.That(query.GetTagItem("chalk.store.misses"), Is.EqualTo(1), "station.ride_count has a max staleness");
        Assert.That(query.Status, Is.EqualTo(ActivityStatusCode.Unset));

        var operators = spans.Where(s => s.OperationName == "chalk.node").ToList();
        Assert.That(operators.Select(o => o.ParentSpanId), Is.All.EqualTo(query.SpanId));
        var kinds = operators.Select(o => (string)o.GetTagItem("chalk.node.kind")!).ToList();
        Assert.That(kinds, Is.SupersetOf(new[] { "sql", "lifted", "fallback", "external" }));
        var lookup = operators.Single(o => o.DisplayName == "sql stations.chalk.sql");
        Assert.That(lookup.GetTagItem("chalk.resolver"), Is.EqualTo("stations.chalk.sql"));
        Assert.That(lookup.GetTagItem("chalk.rows"), Is.EqualTo(1));
        Assert.That(operators.Single(o => (string)o.GetTagItem("chalk.node.kind")! == "external").GetTagItem("chalk.resolver"), Does.Contain("Forecast"));
    }

    [Test]
    public async Task A_second_online_query_reads_the_store_and_its_span_counts_the_hit()
    {
        await using var engine = Build();
        await engine.QueryAsync(BikeShare.StationId(2), ["station.ride_count"]);
        await engine.FlushOnlineStoreAsync();
        using var recorder = new SpanRecorder();
        var row = await engine.QueryAsync(BikeShare.StationId(2), ["station.ride_count"]);
        Assert.That(row.Store.Hits, Is.EqualTo(1));
        var query = recorder.Spans.Single(s => s.OperationName == "chalk.query");
        Assert.That(query.GetTagItem("chalk.store.hits"), Is.EqualTo(1));
        Assert.That(query.GetTagItem("chalk.store.misses"), Is.EqualTo(0));
        Assert.That(recorder.Spans.Where(s => s.OperationName == "chalk.node"), Is.Empty, "the store answered alone: no operator ran");
    }

    [Test]
    public async Task A_batch_query_span_counts_rows_and_row_errors_and_its_operators_say_theirs()
    {
        await using var engine = Build();
        using var recorder = new SpanRecorder();
        var inputs = new RecordBatch.Builder().Append("station.id", false, c => c.Int64(a => a.AppendRange([1L, 2L, 3L]))).Build();
        var result = await engine.QueryBatchDetailedAsync(inputs, ["station.dock_share", "station.name"]);
        Assert.That(result.Errors, Has.Count.EqualTo(1));

        var query = recorder.Spans.Single(s => s.OperationName == "chalk.query");
        Assert.That(query.DisplayName, Is.EqualTo("chalk.query batch"));
        Assert.That(query.GetTagItem("chalk.rows"), Is.EqualTo(3));
        Assert.That(query.GetTagItem("chalk.row_errors"), Is.EqualTo(1));
        var lifted = recorder.Spans.Single(s => s.OperationName == "chalk.node" && (string)s.GetTagItem("chalk.node.kind")! == "lifted");
        Assert.That(lifted.GetTagItem("chalk.rows"), Is.EqualTo(3));
        Assert.That(lifted.GetTagItem("chalk.row_errors"), Is.EqualTo(1));
        Assert.That(lifted.Status, Is.EqualTo(ActivityStatusCode.Unset), "a row error is the row's, not the operator's failure");
    }

    [Test]
    public async Task A_failing_source_marks_its_operator_and_the_query_failed()
    {
        await using var broken = await BikeShare.CreateAsync();
        await using var engine = ChalkEngine.CreateBuilder().AddBikeShare(broken).WithWeather().Build();
        await broken.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "drop table stations";
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        using var recorder = new SpanRecorder();
        await Assert.ThrowsAsync<ChalkResolverException>(() => engine.QueryAsync(BikeShare.StationId(1), ["station.name"]));
        var query = recorder.Spans.Single(s => s.OperationName == "chalk.query");
        Assert.That(query.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(query.GetTagItem("error.type"), Is.EqualTo(typeof(ChalkResolverException).FullName));
        var lookup = recorder.Spans.Single(s => s.DisplayName == "sql stations.chalk.sql");
        Assert.That(lookup.Status, Is.EqualTo(ActivityStatusCode.Error));
    }
}
