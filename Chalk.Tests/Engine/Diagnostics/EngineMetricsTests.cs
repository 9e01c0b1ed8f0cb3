using Apache.Arrow;
using Chalk.Sql.Sources;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Chalk.Tests.Engine.Diagnostics;

/// <summary>The <c>Chalk</c> meter, created from the application's meter factory: query and operator latency histograms,
/// store hit and miss counters, and the error counter, each read with <c>MetricCollector</c> scoped to this test's factory.</summary>
public sealed class EngineMetricsTests
{
    private DuckDbSource _bikes = null!;
    private TestMeterFactory _meters = null!;

    [OneTimeSetUp]
    public async Task CreateTheBikeShare() => _bikes = await BikeShare.CreateAsync();

    [OneTimeTearDown]
    public async Task DisposeTheBikeShare() => await _bikes.DisposeAsync();

    [SetUp]
    public void CreateMeters() => _meters = new TestMeterFactory();

    [TearDown]
    public void DisposeMeters() => _meters.Dispose();

    private ChalkEngine Build() => ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().WithMeterFactory(_meters).Build();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct
        => new(_meters, ChalkDiagnostics.MeterName, instrument);

    private static RecordBatch Stations(params long[] ids)
        => new RecordBatch.Builder().Append("station.id", false, c => c.Int64(a => a.AppendRange(ids))).Build();

    [Test]
    public async Task Each_query_records_its_latency_in_seconds_by_kind()
    {
        await using var engine = Build();
        using var queries = Collect<double>("chalk.query.duration");
        await engine.QueryAsync(BikeShare.StationId(1), ["station.name"]);
        await engine.QueryBatchAsync(Stations(1, 2), ["station.name"]);

        var measured = queries.GetMeasurementSnapshot();
        Assert.That(measured.Select(m => m.Tags["chalk.query.kind"]), Is.EqualTo(new[] { "online", "batch" }));
        Assert.That(measured.Select(m => m.Value), Is.All.GreaterThan(0.0).And.All.LessThan(60.0));
        Assert.That(queries.Instrument!.Unit, Is.EqualTo("s"));
    }

    [Test]
    public async Task A_failed_query_records_its_latency_with_the_error_type()
    {
        await using var broken = await BikeShare.CreateAsync();
        await using var engine = ChalkEngine.CreateBuilder().AddBikeShare(broken).WithWeather().WithMeterFactory(_meters).Build();
        await broken.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "drop table stations";
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        using var queries = Collect<double>("chalk.query.duration");
        using var errors = Collect<long>("chalk.errors");
        await Assert.ThrowsAsync<ChalkResolverException>(() => engine.QueryAsync(BikeShare.StationId(1), ["station.name"]));
        Assert.That(queries.LastMeasurement!.Tags["error.type"], Is.EqualTo(typeof(ChalkResolverException).FullName));
        Assert.That(errors.GetMeasurementSnapshot().Single().Tags["error.type"], Is.EqualTo("operator"));
    }

    [Test]
    public async Task Each_operator_records_its_latency_by_kind_and_resolver()
    {
        await using var engine = Build();
        using var operators = Collect<double>("chalk.node.duration");
        await engine.QueryAsync(BikeShare.StationId(1), ["station.dock_share", "station.initials", "station.forecast"]);
        var measured = operators.GetMeasurementSnapshot();
        var kinds = measured.Select(m => (string)m.Tags["chalk.node.kind"]!).ToList();
        Assert.That(kinds, Is.SupersetOf(new[] { "sql", "lifted", "fallback", "external" }));
        Assert.That(measured.Single(m => (string)m.Tags["chalk.node.kind"]! == "sql").Tags["chalk.resolver"], Is.EqualTo("stations.chalk.sql"));
    }

    [Test]
    public async Task Store_hits_and_misses_are_counted_per_feature_read()
    {
        await using var engine = Build();
        using var hits = Collect<long>("chalk.store.hits");
        using var misses = Collect<long>("chalk.store.misses");
        await engine.QueryAsync(BikeShare.StationId(1), ["station.ride_count"]);
        await engine.QueryAsync(BikeShare.StationId(2), ["station.ride_count"]);
        await engine.FlushOnlineStoreAsync();
        await engine.QueryAsync(BikeShare.StationId(1), ["station.ride_count"]);

        Assert.That(misses.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(2));
        Assert.That(hits.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
        Assert.That(hits.LastMeasurement!.Tags["chalk.store"], Is.EqualTo("memory"));
    }

    [Test]
    public async Task Row_errors_are_counted_per_failed_row_by_resolver()
    {
        await using var engine = Build();
        using var errors = Collect<long>("chalk.errors");
        await engine.QueryBatchDetailedAsync(Stations(3, 1, 3), ["station.dock_share"]);
        var measured = errors.GetMeasurementSnapshot();
        Assert.That(measured.EvaluateAsCounter(), Is.EqualTo(2));
        Assert.That(measured.Select(m => m.Tags["error.type"]), Is.All.EqualTo("row"));
        Assert.That(measured.Select(m => (string)m.Tags["chalk.resolver"]!), Is.All.Contains("DockShare"));
    }

    [Test]
    public async Task An_engine_without_a_meter_factory_measures_with_a_meter_of_its_own_that_it_disposes()
    {
        var engine = ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().Build();
        System.Diagnostics.Metrics.Instrument? seen = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ChalkDiagnostics.MeterName && instrument.Name == "chalk.query.duration" && instrument.Meter.Scope is null)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        var recorded = new List<System.Diagnostics.Metrics.Instrument>();
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) =>
        {
            lock (recorded) recorded.Add(instrument);
        });
        listener.Start();
        await engine.QueryAsync(BikeShare.StationId(1), ["station.name"]);
        lock (recorded) seen = recorded.LastOrDefault();
        Assert.That(seen, Is.Not.Null);
        await engine.DisposeAsync();
        Assert.That(seen!.Enabled, Is.False, "the engine's own meter is disposed with it");
    }
}
