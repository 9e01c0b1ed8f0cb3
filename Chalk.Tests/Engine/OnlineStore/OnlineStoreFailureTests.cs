using System.Diagnostics;
using System.Globalization;
using Chalk.Sql.Sources;
using Chalk.Store;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.OnlineStore;

/// <summary>Online queries when the store is a real Redis that goes away: they compute from resolvers and say the store
/// was unavailable (or throw when the caller asks for the store), and use it again once it is back.</summary>
public sealed class OnlineStoreFailureTests
{
    private const string Patients = "-- resolves: ClinicPatient\n-- source: db\nselect id, name, site_id from patients\n";
    private const string Visits = "-- resolves: ClinicVisit\n-- source: db\nselect id, patient_id, cost, visited_at from visits\n";
    private const string Sites = "-- resolves: ClinicSite\n-- source: db\nselect id, city, phone from sites where id = ${clinic_site.id}\n";
    private static readonly string[] Outputs = ["clinic_patient.visit_count", "clinic_patient.total_cost", "clinic_patient.site.city"];

    private RedisServer _redis = null!;
    private DuckDbSource _db = null!;

    [SetUp]
    public async Task SetUp()
    {
        _redis = RedisServer.Start();
        _db = new DuckDbSource("Data Source=:memory:");
        var at = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await _db.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                create table patients(id bigint, name varchar, site_id bigint);
                insert into patients values (1, 'Ada', 10), (2, 'Bo', 11);
                create table visits(id bigint, patient_id bigint, cost double, visited_at timestamp);
                insert into visits values (100, 1, 50.0, '{at}'), (101, 1, 70.0, '{at}'), (102, 2, 20.0, '{at}');
                create table sites(id bigint, city varchar, phone varchar);
                insert into sites values (10, 'Oslo', '+47 1'), (11, 'Bergen', '+47 2');
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
    }

    [TearDown]
    public async Task TearDown()
    {
        await _db.DisposeAsync();
        _redis.Dispose();
    }

    private async Task<ChalkEngine> BuildAsync() => ChalkEngine.CreateBuilder()
        .AddFeatures(typeof(ClinicPatient), typeof(ClinicSite), typeof(ClinicVisit), typeof(ClinicResolvers))
        .AddSource("db", _db, disposeWithEngine: false)
        .AddSqlResolver("patients.chalk.sql", Patients)
        .AddSqlResolver("visits.chalk.sql", Visits)
        .AddSqlResolver("sites.chalk.sql", Sites)
        .WithOnlineStore(await RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = _redis.EndPoint, KeyPrefix = $"t{Guid.NewGuid():N}:" }))
        .Build();

    private static Task<OnlineResult> PatientAsync(ChalkEngine engine, long id, QueryOptions? options = null)
        => engine.QueryAsync(new Dictionary<string, object?> { ["clinic_patient.id"] = id }, Outputs, options);

    [Test]
    public async Task With_redis_down_a_query_computes_everything_and_reports_the_store_unavailable()
    {
        await using var engine = await BuildAsync();
        _redis.Kill();
        var watch = Stopwatch.StartNew();
        var row = await PatientAsync(engine, 1);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "a store that is down must not hold the query up");
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<long>("clinic_patient.visit_count"), Is.EqualTo(2));
        Assert.That(row.Get<string>("clinic_patient.site.city"), Is.EqualTo("Oslo"));
        Assert.That(row.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.Resolver));
        Assert.That(row.Store.State, Is.EqualTo(OnlineStoreState.Unavailable));
        Assert.That(row.Store.Error, Does.Contain(_redis.EndPoint));
        Assert.That(row.Store.ToString(), Does.StartWith($"redis {_redis.EndPoint} unavailable: "));
    }

    [Test]
    public async Task With_redis_down_a_query_that_requires_the_store_throws_naming_it()
    {
        await using var engine = await BuildAsync();
        _redis.Kill();
        var error = await Assert.ThrowsAsync<ChalkStoreException>(() => PatientAsync(engine, 1, new QueryOptions { RequireOnlineStore = true }));
        Assert.That(error!.Message, Does.Contain(_redis.EndPoint));
    }

    [Test]
    public async Task Killed_mid_run_and_restarted_the_store_serves_again_and_no_answer_is_ever_wrong()
    {
        await using var engine = await BuildAsync();
        var first = await PatientAsync(engine, 1);
        await engine.FlushOnlineStoreAsync();
        var warm = await PatientAsync(engine, 1);
        Assert.That(warm.Store.Hits, Is.EqualTo(Outputs.Length + 1));

        _redis.Kill();
        for (int i = 0; i < 5; i++)
        {
            var down = await PatientAsync(engine, 1 + i % 2);
            Assert.That(down.Store.State, Is.EqualTo(OnlineStoreState.Unavailable));
            Assert.That(down.Get<long>("clinic_patient.visit_count"), Is.EqualTo(i % 2 == 0 ? 2 : 1));
        }
        // Write-backs queued while it was down fail in the background and are dropped; they never reach the caller.
        await engine.FlushOnlineStoreAsync();

        await _redis.RestartAsync();
        OnlineResult? back = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            back = await PatientAsync(engine, 1);
            if (back.Store.State == OnlineStoreState.Available) break;
            await Task.Delay(100);
        }
        Assert.That(back!.Store.State, Is.EqualTo(OnlineStoreState.Available), "the store reconnects by itself");
        // The restarted server kept nothing (persistence is off), so this query computed and wrote back again.
        Assert.That(back.Get<double>("clinic_patient.total_cost"), Is.EqualTo(first.Get<double>("clinic_patient.total_cost")));
        await engine.FlushOnlineStoreAsync();
        var again = await PatientAsync(engine, 1);
        Assert.That(again.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.OnlineStore));
        Assert.That(again.Get<double>("clinic_patient.total_cost"), Is.EqualTo(120.0));
    }
}
