using System.Globalization;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Store;
using Microsoft.Extensions.Time.Testing;

namespace Chalk.Tests.Engine.OnlineStore;

/// <summary>Online queries through an online store: features with a max staleness are served from it while young
/// enough, nothing that only they needed runs, computed values are written back only for rows that exist and had no
/// error, and every answer says where each value came from.</summary>
public sealed class OnlineStoreQueryTests
{
    private const string Patients = "-- resolves: ClinicPatient\n-- source: db\nselect id, name, site_id from patients\n";
    private const string Visits = "-- resolves: ClinicVisit\n-- source: db\nselect id, patient_id, cost, visited_at from visits\n";
    private const string Sites = "-- resolves: ClinicSite\n-- source: db\nselect id, city, phone from sites where id = ${clinic_site.id}\n";

    private static readonly string[] PatientOutputs =
    [
        "clinic_patient.visit_count", "clinic_patient.total_cost", "clinic_patient.label", "clinic_patient.recent_visits[30d]",
        "clinic_patient.site.city",
    ];

    private FakeTimeProvider _clock = null!;
    private DuckDbSource _db = null!;
    private InMemoryOnlineStore _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        string At(double daysAgo) => (_clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(daysAgo)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        _store = new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { TimeProvider = _clock });
        _db = new DuckDbSource("Data Source=:memory:");
        await ExecuteAsync($"""
            create table patients(id bigint, name varchar, site_id bigint);
            insert into patients values (1, 'Ada', 10), (2, 'Bo', 11), (3, 'Faulty', 10), (4, 'Cy', null);
            create table visits(id bigint, patient_id bigint, cost double, visited_at timestamp);
            insert into visits values (100, 1, 50.0, '{At(2)}'), (101, 1, 70.0, '{At(40)}'), (102, 2, 20.0, '{At(1)}'), (103, 3, 5.0, '{At(1)}');
            create table sites(id bigint, city varchar, phone varchar);
            insert into sites values (10, 'Oslo', '+47 1'), (11, 'Bergen', '+47 2');
            """);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _db.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Task ExecuteAsync(string sql) => _db.UseConnectionAsync(c =>
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
        return Task.CompletedTask;
    });

    private ChalkEngine Build(IOnlineStore? store = null) => ChalkEngine.CreateBuilder()
        .AddFeatures(typeof(ClinicPatient), typeof(ClinicSite), typeof(ClinicVisit), typeof(ClinicResolvers))
        .AddSource("db", _db, disposeWithEngine: false)
        .AddSqlResolver("patients.chalk.sql", Patients)
        .AddSqlResolver("visits.chalk.sql", Visits)
        .AddSqlResolver("sites.chalk.sql", Sites)
        .WithTimeProvider(_clock)
        .WithOnlineStore(store ?? _store, disposeWithEngine: false)
        .Build();

    private static Task<OnlineResult> PatientAsync(ChalkEngine engine, long id, QueryOptions? options = null, params string[] outputs)
        => engine.QueryAsync(new Dictionary<string, object?> { ["clinic_patient.id"] = id }, outputs.Length == 0 ? PatientOutputs : outputs, options);

    [Test]
    public async Task A_second_query_is_served_from_the_store_without_running_resolvers_or_reading_sources()
    {
        await using var engine = Build();
        var first = await PatientAsync(engine, 1);
        Assert.That(first.Get<long>("clinic_patient.visit_count"), Is.EqualTo(2));
        Assert.That(first.Get<string>("clinic_patient.label"), Is.EqualTo("Ada (2)"));
        Assert.That(first.Get<string>("clinic_patient.site.city"), Is.EqualTo("Oslo"));
        Assert.That(first.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.Resolver));
        Assert.That(first.Store.State, Is.EqualTo(OnlineStoreState.Available));
        await engine.FlushOnlineStoreAsync();

        // With every table gone, only the store can answer.
        await ExecuteAsync("drop table patients; drop table visits; drop table sites;");
        int calls = ClinicResolvers.LabelCalls;
        _clock.Advance(TimeSpan.FromMinutes(5));
        var second = await PatientAsync(engine, 1);
        Assert.That(ClinicResolvers.LabelCalls, Is.EqualTo(calls));
        Assert.That(second.Errors, Is.Empty);
        Assert.That(second.Get<long>("clinic_patient.visit_count"), Is.EqualTo(2));
        Assert.That(second.Get<double>("clinic_patient.total_cost"), Is.EqualTo(120.0));
        Assert.That(second.Get<string>("clinic_patient.label"), Is.EqualTo("Ada (2)"));
        Assert.That(second.Get<long>("clinic_patient.recent_visits[30d]"), Is.EqualTo(1));
        Assert.That(second.Get<string>("clinic_patient.site.city"), Is.EqualTo("Oslo"));
        Assert.That(second.Sources["clinic_patient.label"], Is.EqualTo(new FeatureSource(FeatureOrigin.OnlineStore, first.Sources["clinic_patient.label"].ComputedAt, TimeSpan.FromMinutes(5))));
        Assert.That(second.Store.Hits, Is.EqualTo(PatientOutputs.Length + 1), "the site's key is read from the store too");
        Assert.That(second.Store.Misses, Is.Zero);
    }

    [Test]
    public async Task A_value_older_than_its_staleness_is_never_served()
    {
        await using var engine = Build();
        await PatientAsync(engine, 1);
        await engine.FlushOnlineStoreAsync();
        await ExecuteAsync("insert into visits values (104, 1, 1.0, '2026-12-01 11:00:00')");
        _clock.Advance(TimeSpan.FromMinutes(11));
        int calls = ClinicResolvers.LabelCalls;
        var later = await PatientAsync(engine, 1);
        // The label (10m) is recomputed; the counts (1h) are still served, stale by one visit, as their staleness allows.
        Assert.That(ClinicResolvers.LabelCalls, Is.EqualTo(calls + 1));
        Assert.That(later.Sources["clinic_patient.label"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
        Assert.That(later.Get<long>("clinic_patient.visit_count"), Is.EqualTo(2));
        Assert.That(later.Sources["clinic_patient.visit_count"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
        Assert.That(later.Get<string>("clinic_patient.label"), Is.EqualTo("Ada (2)"), "computed from the stored count, as the query saw it");

        _clock.Advance(TimeSpan.FromMinutes(50));
        var fresh = await PatientAsync(engine, 1);
        Assert.That(fresh.Get<long>("clinic_patient.visit_count"), Is.EqualTo(3));
        Assert.That(fresh.Sources["clinic_patient.visit_count"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
    }

    [Test]
    public async Task A_zero_staleness_override_bypasses_the_store_and_refreshes_it()
    {
        await using var engine = Build();
        await PatientAsync(engine, 1);
        await engine.FlushOnlineStoreAsync();
        await ExecuteAsync("insert into visits values (104, 1, 1.0, '2026-12-01 11:00:00')");
        var options = new QueryOptions { Staleness = { ["clinic_patient.visit_count"] = TimeSpan.Zero } };
        var bypassed = await PatientAsync(engine, 1, options);
        Assert.That(bypassed.Get<long>("clinic_patient.visit_count"), Is.EqualTo(3));
        Assert.That(bypassed.Sources["clinic_patient.visit_count"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
        Assert.That(bypassed.Sources["clinic_patient.total_cost"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
        await engine.FlushOnlineStoreAsync();
        var after = await PatientAsync(engine, 1);
        Assert.That(after.Get<long>("clinic_patient.visit_count"), Is.EqualTo(3), "the bypassing query wrote its fresh value back");
        Assert.That(after.Sources["clinic_patient.visit_count"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
    }

    [Test]
    public async Task A_staleness_override_caches_a_feature_that_declares_none()
    {
        await using var engine = Build();
        var options = new QueryOptions { Staleness = { ["clinic_site.phone"] = TimeSpan.FromMinutes(1), ["clinic_patient.name"] = TimeSpan.FromMinutes(1) } };
        string[] outputs = ["clinic_patient.name", "clinic_patient.site.phone"];
        await PatientAsync(engine, 2, options, outputs);
        await engine.FlushOnlineStoreAsync();
        var cached = await PatientAsync(engine, 2, options, outputs);
        Assert.That(cached.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.OnlineStore));
        Assert.That(cached.Get<string>("clinic_patient.site.phone"), Is.EqualTo("+47 2"));
        var plain = await PatientAsync(engine, 2, null, outputs);
        Assert.That(plain.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.Resolver), "without the override they are never read");
    }

    [Test]
    public async Task An_input_overrides_the_store_and_the_resolver()
    {
        await using var engine = Build();
        await PatientAsync(engine, 1);
        await engine.FlushOnlineStoreAsync();
        var given = await engine.QueryAsync(new Dictionary<string, object?> { ["clinic_patient.id"] = 1L, ["clinic_patient.visit_count"] = 40L },
            ["clinic_patient.visit_count", "clinic_patient.average_cost"], null);
        Assert.That(given.Get<long>("clinic_patient.visit_count"), Is.EqualTo(40));
        Assert.That(given.Sources["clinic_patient.visit_count"].Origin, Is.EqualTo(FeatureOrigin.Input));
        Assert.That(given.Get<double>("clinic_patient.average_cost"), Is.EqualTo(3.0), "120 / 40: the stored total, the given count");
        Assert.That(given.Sources["clinic_patient.average_cost"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
    }

    [Test]
    public async Task A_partial_hit_skips_what_only_the_stored_features_needed()
    {
        await using var engine = Build();
        await PatientAsync(engine, 1, null, "clinic_patient.visit_count", "clinic_patient.total_cost");
        await engine.FlushOnlineStoreAsync();
        // The counts are stored; the average is not, but it reads only them, so the visits table is not needed.
        await ExecuteAsync("drop table visits");
        var row = await PatientAsync(engine, 1, null, "clinic_patient.average_cost", "clinic_patient.name");
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<double>("clinic_patient.average_cost"), Is.EqualTo(60.0));
        Assert.That(row.Get<string>("clinic_patient.name"), Is.EqualTo("Ada"));
        Assert.That(row.Store.Hits, Is.EqualTo(2));
    }

    [Test]
    public async Task Nothing_is_stored_for_a_row_that_does_not_exist_or_for_a_row_with_an_error()
    {
        await using var engine = Build();
        var missing = await PatientAsync(engine, 99);
        Assert.That(missing.Found, Is.False);
        var faulty = await PatientAsync(engine, 3);
        Assert.That(faulty.Errors.Select(e => e.Feature), Is.EqualTo(new[] { "clinic_patient.label" }));
        var noSite = await PatientAsync(engine, 4);
        Assert.That(noSite["clinic_patient.site.city"], Is.Null);
        await engine.FlushOnlineStoreAsync();

        var stored = await _store.ReadAsync([
            new StoreKey("clinic_patient.visit_count", 99L), new StoreKey("clinic_patient.visit_count", 3L),
            new StoreKey("clinic_patient.label", 3L), new StoreKey("clinic_patient.visit_count", 4L),
        ]);
        Assert.That(stored[0], Is.Null, "patient 99 does not exist");
        Assert.That(stored[1], Is.Null, "patient 3's label failed, so nothing of the row is stored");
        Assert.That(stored[2], Is.Null);
        Assert.That(stored[3]?.Value, Is.EqualTo(0L), "patient 4 exists and has no visits");

        var again = await PatientAsync(engine, 99);
        Assert.That(again.Found, Is.False);
        Assert.That(again.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.Resolver));
    }

    [Test]
    public async Task An_entry_of_another_type_is_a_miss_and_is_replaced()
    {
        await using var engine = Build();
        var now = _clock.GetUtcNow();
        await _store.WriteAsync([
            new StoreWrite(new StoreKey("clinic_patient.visit_count", 2L), new StoredValue("two", now), null),
            new StoreWrite(new StoreKey("clinic_patient.total_cost", 2L), new StoredValue(null, now), null),
        ]);
        var row = await PatientAsync(engine, 2, null, "clinic_patient.visit_count", "clinic_patient.total_cost");
        Assert.That(row.Get<long>("clinic_patient.visit_count"), Is.EqualTo(1));
        Assert.That(row.Get<double>("clinic_patient.total_cost"), Is.EqualTo(20.0), "a null for a feature that cannot be null is not a value");
        Assert.That(row.Store.Misses, Is.EqualTo(2));
        await engine.FlushOnlineStoreAsync();
        var stored = await _store.ReadAsync([new StoreKey("clinic_patient.visit_count", 2L)]);
        Assert.That(stored[0]?.Value, Is.EqualTo(1L));
    }

    [Test]
    public async Task Materialized_values_serve_online_queries_for_every_materialized_row()
    {
        await using var engine = Build();
        var ids = new Int64Array.Builder().AppendRange([1L, 2L, 4L, 99L]).Build();
        var inputs = new RecordBatch(new Schema([new Field("clinic_patient.id", ids.Data.DataType, false)], null), [ids], ids.Length);
        var written = await engine.MaterializeAsync(inputs, ["clinic_patient.visit_count", "clinic_patient.recent_visits[30d]", "clinic_patient.site.city"]);
        Assert.That(written.MissingRows.Select(m => m.ToString()), Is.EqualTo(new[]
        {
            "clinic_patient.site: clinic_patient.site_id is null, so there is no row", "clinic_patient: no row for clinic_patient.id = 99",
        }));
        Assert.That(written.Written, Is.EqualTo(3 + 3 + 2 + 3), "the outputs (patient 4 has no site) and the site keys that lead to the cities");
        await ExecuteAsync("drop table visits; drop table sites;");
        var row = await PatientAsync(engine, 2, null, "clinic_patient.visit_count", "clinic_patient.recent_visits[30d]", "clinic_patient.site.city");
        Assert.That(row.Errors, Is.Empty);
        Assert.That(row.Get<long>("clinic_patient.visit_count"), Is.EqualTo(1));
        Assert.That(row.Get<long>("clinic_patient.recent_visits[30d]"), Is.EqualTo(1));
        Assert.That(row.Get<string>("clinic_patient.site.city"), Is.EqualTo("Bergen"));
    }

    [Test]
    public async Task Materializing_a_feature_without_staleness_or_without_a_store_is_refused()
    {
        await using var engine = Build();
        var ids = new Int64Array.Builder().Append(1L).Build();
        var inputs = new RecordBatch(new Schema([new Field("clinic_patient.id", ids.Data.DataType, false)], null), [ids], 1);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => engine.MaterializeAsync(inputs, ["clinic_patient.average_cost"]));
        Assert.That(error!.Message, Does.Contain("ClinicPatient.AverageCost has no max staleness"));
        await using var storeless = ChalkEngine.CreateBuilder().AddFeatures(typeof(ClinicPatient), typeof(ClinicSite), typeof(ClinicVisit), typeof(ClinicResolvers))
            .AddSource("db", _db, disposeWithEngine: false).AddSqlResolver("patients.chalk.sql", Patients).AddSqlResolver("visits.chalk.sql", Visits)
            .AddSqlResolver("sites.chalk.sql", Sites).WithoutOnlineStore().Build();
        await Assert.ThrowsAsync<InvalidOperationException>(() => storeless.MaterializeAsync(inputs, ["clinic_patient.visit_count"]));
        var row = await PatientAsync(storeless, 1, null, "clinic_patient.visit_count");
        Assert.That(row.Store.State, Is.EqualTo(OnlineStoreState.None));
    }

    [Test]
    public async Task A_staleness_override_that_names_no_feature_is_refused()
    {
        await using var engine = Build();
        var options = new QueryOptions { Staleness = { ["clinic_patient.site.city"] = TimeSpan.FromMinutes(1) } };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => PatientAsync(engine, 1, options));
        Assert.That(error!.Message, Does.Contain("QueryOptions.Staleness[\"clinic_patient.site.city\"]"));
    }

    [Test]
    public async Task Explain_lists_the_store_reads()
    {
        await using var engine = Build();
        var text = engine.Explain(["clinic_patient.id"], PatientOutputs);
        Assert.That(text, Does.Contain("online store (memory):"));
        Assert.That(text, Does.Contain("clinic_patient.site.city <- clinic_site.city by clinic_patient.site_id (max staleness 1d)"));
        Assert.That(text, Does.Contain("clinic_patient.visit_count <- clinic_patient.visit_count by clinic_patient.id (max staleness 1h)"));
    }

    [Test]
    public async Task The_plan_picture_draws_the_store_reads_as_their_own_box()
    {
        await using var engine = Build();
        var mermaid = engine.Explain(["clinic_patient.id"], PatientOutputs, PlanFormat.Mermaid);
        Assert.That(mermaid, Does.Contain("store[\"online store (memory): clinic_patient.site_id, clinic_patient.visit_count"));
        Assert.That(mermaid, Does.Contain(":::onlinestore"));
        Assert.That(mermaid, Does.Contain("inputs --> store"));
        // A hit on the label makes its per-row resolver unnecessary: a dashed arrow from the store to that box.
        var fallback = mermaid.Split('\n').First(l => l.Contains("Fallback ClinicResolvers.Label", StringComparison.Ordinal)).Trim().Split('[')[0];
        Assert.That(mermaid, Does.Contain($"store -.-> {fallback}"));
        var dot = engine.Explain(["clinic_patient.id"], PatientOutputs, PlanFormat.Dot);
        Assert.That(dot, Does.Contain($"store -> {fallback} [style=dashed];"));
    }

    [Test]
    public async Task A_materialization_schedule_keeps_the_store_warm_on_the_engines_clock()
    {
        await using var engine = Build();
        static async Task UntilAsync(MaterializationSchedule s, int runs)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (s.Runs < runs && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.That(s.Runs, Is.EqualTo(runs));
        }
        var schedule = engine.ScheduleMaterialization("clinic_patient", ["clinic_patient.visit_count"], TimeSpan.FromMinutes(30));
        await using (schedule)
        {
            await UntilAsync(schedule, 1);
            Assert.That(schedule.LastError, Is.Null);
            Assert.That(schedule.LastResult!.Written, Is.EqualTo(4), "every patient the table lists, its one stored output");
            await ExecuteAsync("insert into visits values (104, 1, 1.0, '2026-12-01 11:00:00')");
            _clock.Advance(TimeSpan.FromMinutes(30));
            await UntilAsync(schedule, 2);
            // Less than the period: advancing past it would start a third run that races the read and the disposal.
            _clock.Advance(TimeSpan.FromMinutes(20));
            var row = await PatientAsync(engine, 1, null, "clinic_patient.visit_count");
            Assert.That(row.Sources["clinic_patient.visit_count"], Is.EqualTo(new FeatureSource(FeatureOrigin.OnlineStore, _clock.GetUtcNow() - TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(20))));
            Assert.That(row.Get<long>("clinic_patient.visit_count"), Is.EqualTo(3), "the second run saw the new visit");
        }
        _clock.Advance(TimeSpan.FromHours(3));
        await Task.Delay(100);
        Assert.That(schedule.Runs, Is.EqualTo(2), "a disposed schedule runs no more");
    }
}
