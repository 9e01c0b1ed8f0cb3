using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chalk.Tests.Engine.Diagnostics;

/// <summary><c>ILogger&lt;ChalkEngine&gt;</c>: plans built (Debug), a resolver's row errors (one Warning per operator and
/// query, never one per row), an operator that fails the query (Error, once), an online store that is down and the
/// write-backs it refuses (Warning), each checked on a real engine over DuckDB (and a real Redis, killed).</summary>
public sealed class EngineLoggingTests
{
    private DuckDbSource _bikes = null!;
    private FakeLoggerProvider _logs = null!;
    private ILoggerFactory _factory = null!;

    [OneTimeSetUp]
    public async Task CreateTheBikeShare() => _bikes = await BikeShare.CreateAsync();

    [OneTimeTearDown]
    public async Task DisposeTheBikeShare() => await _bikes.DisposeAsync();

    [SetUp]
    public void CollectLogs()
    {
        _logs = new FakeLoggerProvider();
        _factory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
    }

    [TearDown]
    public void StopCollecting()
    {
        _factory.Dispose();
        _logs.Dispose();
    }

    private IReadOnlyList<FakeLogRecord> Logs(string eventName) => _logs.Collector.GetSnapshot().Where(r => r.Id.Name == eventName).ToList();

    private ChalkEngine Build(DuckDbSource? source = null)
        => ChalkEngine.CreateBuilder().AddBikeShare(source ?? _bikes).WithWeather().WithLoggerFactory(_factory).Build();

    private static Apache.Arrow.RecordBatch Stations(params long[] ids)
        => new Apache.Arrow.RecordBatch.Builder().Append("station.id", false, c => c.Int64(a => a.AppendRange(ids))).Build();

    [Test]
    public async Task A_new_query_shape_logs_its_plan_at_debug_once_under_the_engines_category()
    {
        await using var engine = Build();
        await engine.QueryAsync(BikeShare.StationId(1), ["station.name", "station.dock_share"]);
        await engine.QueryAsync(BikeShare.StationId(2), ["station.name", "station.dock_share"]);
        var planned = Logs("PlanBuilt");
        Assert.That(planned, Has.Count.EqualTo(1), "the second query of the shape reuses the plan");
        Assert.That(planned[0].Level, Is.EqualTo(LogLevel.Debug));
        Assert.That(planned[0].Category, Is.EqualTo(typeof(ChalkEngine).FullName));
        Assert.That(planned[0].Message, Does.StartWith("Planned the online query station.id -> station.name, station.dock_share").And.Contain("operators, in"));
        Assert.That(planned[0].StructuredState!.Select(kv => kv.Key), Is.SupersetOf(new[] { "QueryKind", "Shape", "Levels", "Operators", "ElapsedMilliseconds" }));
    }

    [Test]
    public async Task Row_errors_are_one_warning_per_operator_and_query_not_one_per_row()
    {
        await using var engine = Build();
        var result = await engine.QueryBatchDetailedAsync(Stations(1, 3, 2, 3, 3), ["station.dock_share", "station.initials"]);
        Assert.That(result.Errors, Has.Count.EqualTo(6), "three rows of station 3, two features each");

        var warnings = Logs("RowErrors");
        Assert.That(warnings, Has.Count.EqualTo(2), string.Join("\n", warnings.Select(w => w.Message)));
        Assert.That(warnings.Select(w => w.Level), Is.All.EqualTo(LogLevel.Warning));
        var lifted = warnings.Single(w => w.Message.Contains("DockShare", StringComparison.Ordinal));
        Assert.That(lifted.Message, Does.Contain("(lifted) failed on 3 of 5 rows").And.Contain("station.dock_share").And.Contain("a station without docks has no share"));
        var perRow = warnings.Single(w => w.Message.Contains("Initials", StringComparison.Ordinal));
        Assert.That(perRow.Message, Does.Contain("(fallback) failed on 3 of 5 rows").And.Contain("station.initials"));
    }

    [Test]
    public async Task A_source_that_fails_is_one_error_with_the_exception_naming_the_resolver()
    {
        await using var broken = await BikeShare.CreateAsync();
        await using var engine = Build(broken);
        await broken.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "drop table stations";
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        var thrown = await Assert.ThrowsAsync<ChalkResolverException>(() => engine.QueryAsync(BikeShare.StationId(1), ["station.name"]));

        var errors = Logs("OperatorFailed");
        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Level, Is.EqualTo(LogLevel.Error));
        Assert.That(errors[0].Message, Does.Contain("stations.chalk.sql (sql) failed"));
        Assert.That(errors[0].Exception, Is.InstanceOf<ChalkResolverException>());
        Assert.That(thrown!.Message, Does.Contain("stations.chalk.sql"));
    }

    [Test]
    public async Task An_online_store_that_is_down_warns_for_the_reads_and_the_refused_write_backs()
    {
        using var redis = RedisServer.Start();
        var store = await Chalk.Store.RedisOnlineStore.ConnectAsync(new Chalk.Store.RedisOnlineStoreOptions
        {
            Configuration = redis.EndPoint,
            KeyPrefix = $"t{Guid.NewGuid():N}:",
        });
        await using var engine = ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().WithLoggerFactory(_factory).WithOnlineStore(store).Build();
        redis.Kill();
        for (int i = 0; i < 3; i++)
        {
            var row = await engine.QueryAsync(BikeShare.StationId(1), ["station.ride_count"]);
            Assert.That(row.Get<long>("station.ride_count"), Is.EqualTo(3));
            Assert.That(row.Store.State, Is.EqualTo(OnlineStoreState.Unavailable));
        }
        var unavailable = Logs("OnlineStoreUnavailable");
        Assert.That(unavailable, Has.Count.EqualTo(3), "one per query that could not read the store");
        Assert.That(unavailable[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(unavailable[0].Message, Does.Contain(redis.EndPoint).And.Contain("computes every feature from its resolver"));
        await engine.FlushOnlineStoreAsync();
        Assert.That(Logs("StoreWriteFailed"), Is.Empty, "a query whose store read failed writes nothing back");
    }

    [Test]
    public async Task Write_backs_the_store_refuses_are_a_warning_at_most_every_ten_seconds()
    {
        using var redis = RedisServer.Start();
        var store = await Chalk.Store.RedisOnlineStore.ConnectAsync(new Chalk.Store.RedisOnlineStoreOptions
        {
            Configuration = redis.EndPoint,
            KeyPrefix = $"t{Guid.NewGuid():N}:",
        });
        await using var engine = ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().WithLoggerFactory(_factory).WithOnlineStore(store).Build();
        // A replica of a primary that is not there serves reads and refuses writes (READONLY): every query reads the
        // store (and misses), and every write-back it queues is refused.
        using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.EndPoint + ",allowAdmin=true"))
            await admin.GetDatabase().ExecuteAsync("REPLICAOF", "127.0.0.1", "1");
        for (long id = 1; id <= 3; id++)
        {
            var row = await engine.QueryAsync(BikeShare.StationId(id), ["station.ride_count"]);
            Assert.That(row.Store.State, Is.EqualTo(OnlineStoreState.Available));
            await engine.FlushOnlineStoreAsync();
        }
        await engine.FlushOnlineStoreAsync();
        var refused = Logs("StoreWriteFailed");
        Assert.That(refused, Has.Count.EqualTo(1), "one warning for the refusals of the last ten seconds");
        Assert.That(refused[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(refused[0].Exception, Is.Not.Null);
    }

    [Test]
    public async Task Without_a_logger_factory_the_engine_logs_nothing_and_answers_the_same()
    {
        await using var engine = ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().Build();
        var result = await engine.QueryBatchDetailedAsync(Stations(1, 3), ["station.dock_share"]);
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(_logs.Collector.Count, Is.Zero);
    }
}
