using Chalk.Store;
using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>The ferry's features through an online store, in memory and in a real Redis: every answer equals the
/// rows' own value whether it was computed or served, a key never finds another key's entry, and only whole rows are
/// written.</summary>
[TestFixture("memory")]
[TestFixture("redis")]
public sealed class FerryStoreTests(string kind) : FerryDatabaseFixture
{
    private static readonly string[] VesselOutputs = ["ferry_vessel.name", "ferry_vessel.tonnage_kt", "ferry_vessel.capacity"];

    private IOnlineStore _store = null!;

    [SetUp]
    public async Task CreateStore() => _store = await NewStoreAsync($"ferry-{Guid.NewGuid():N}:");

    [TearDown]
    public async Task DisposeStore() => await _store.DisposeAsync();

    private async Task<IOnlineStore> NewStoreAsync(string prefix) => kind == "memory"
        ? new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { TimeProvider = Clock })
        : await RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = RedisServer.Shared.EndPoint, KeyPrefix = prefix });

    private ChalkEngine Engine(IOnlineStore? store = null, PortAuthority? port = null) => FerryData.Engine(Db, store ?? _store, Clock, port);

    private static Task<OnlineResult> VesselAsync(ChalkEngine engine, object id, params string[] outputs)
        => engine.QueryAsync(new Dictionary<string, object?> { ["ferry_vessel.id"] = id }, outputs.Length == 0 ? VesselOutputs : outputs);

    private static void AssertVessel(OnlineResult r, string id)
    {
        var expected = FerryData.Vessel(id)!;
        Assert.That(r["ferry_vessel.name"], Is.EqualTo(expected.Name), id);
        Assert.That(r["ferry_vessel.tonnage_kt"], Is.EqualTo(expected.TonnageKt), id);
        Assert.That(r["ferry_vessel.capacity"], Is.EqualTo(expected.Capacity), id);
    }

    [Test]
    public async Task Each_string_key_is_served_its_own_rows_values_and_never_another_keys()
    {
        await using var engine = Engine();
        foreach (var v in FerryData.Vessels) AssertVessel(await VesselAsync(engine, v.Id), v.Id);
        await engine.FlushOnlineStoreAsync();
        // Reversed, so that an entry found under the wrong key would come from a key written after it.
        foreach (var v in FerryData.Vessels.Reverse())
        {
            var r = await VesselAsync(engine, v.Id);
            AssertVessel(r, v.Id);
            Assert.That(VesselOutputs.Select(o => r.Sources[o].Origin), Is.All.EqualTo(FeatureOrigin.OnlineStore), v.Id);
        }
    }

    [Test]
    public async Task A_key_with_no_row_is_missing_every_time_and_nothing_is_stored_for_it()
    {
        await using var engine = Engine();
        foreach (var id in new[] { "MV-2", "mv-1 ", "A", "s:a|s:b" })
        {
            var first = await VesselAsync(engine, id);
            await engine.FlushOnlineStoreAsync();
            var second = await VesselAsync(engine, id);
            foreach (var r in new[] { first, second })
            {
                Assert.That(r.MissingRows, Has.Count.EqualTo(1), id);
                Assert.That(VesselOutputs.Select(o => r[o]), Is.All.Null, id);
                Assert.That(VesselOutputs.Select(o => r.Sources[o].Origin), Is.All.EqualTo(FeatureOrigin.Resolver), id);
            }
        }
    }

    [Test]
    public async Task An_int_key_given_as_int_or_long_finds_the_same_entry()
    {
        await using var engine = Engine();
        var first = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = 2 }, ["ferry_ticket.price_with_fee"]);
        await engine.FlushOnlineStoreAsync();
        var second = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = 2L }, ["ferry_ticket.price_with_fee"]);
        Assert.That(first.Get<double>("ferry_ticket.price_with_fee"), Is.EqualTo(50.5 * 1.05));
        Assert.That(second.Get<double>("ferry_ticket.price_with_fee"), Is.EqualTo(50.5 * 1.05));
        Assert.That(second.Sources["ferry_ticket.price_with_fee"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
    }

    [Test]
    public async Task A_has_one_feature_is_reached_through_the_stored_foreign_key_and_equals_the_rows()
    {
        await using var engine = Engine();
        string[] outputs = ["ferry_ticket.sailing.revenue", "ferry_ticket.sailing.ticket_count", "ferry_ticket.sailing.vessel.name"];
        foreach (var pass in new[] { FeatureOrigin.Resolver, FeatureOrigin.OnlineStore })
        {
            foreach (var t in FerryData.Tickets.Where(t => FerryData.Sailings.Any(s => s.Id == t.SailingId)))
            {
                var r = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = t.Id }, outputs);
                var vesselId = FerryData.Sailings.Single(s => s.Id == t.SailingId).VesselId!;
                Assert.That(r.Get<double>("ferry_ticket.sailing.revenue"), Is.EqualTo(FerryData.Revenue(t.SailingId)), $"ticket {t.Id}");
                Assert.That(r.Get<long>("ferry_ticket.sailing.ticket_count"), Is.EqualTo(FerryData.TicketCount(t.SailingId)), $"ticket {t.Id}");
                Assert.That(r["ferry_ticket.sailing.vessel.name"], Is.EqualTo(FerryData.Vessel(vesselId)?.Name), $"ticket {t.Id}");
                if (pass == FeatureOrigin.OnlineStore && FerryData.Vessel(vesselId) is not null)
                    Assert.That(outputs.Select(o => r.Sources[o].Origin), Is.All.EqualTo(FeatureOrigin.OnlineStore), $"ticket {t.Id}");
            }
            await engine.FlushOnlineStoreAsync();
        }
    }

    [Test]
    public async Task A_related_row_that_does_not_exist_is_missing_the_same_way_when_its_key_comes_from_the_store()
    {
        await using var engine = Engine();
        string[] outputs = ["ferry_ticket.sailing.revenue", "ferry_ticket.sailing.ticket_count", "ferry_ticket.sailing.vessel.name", "ferry_ticket.sailing.vessel.capacity"];
        var first = new Dictionary<int, OnlineResult>();
        foreach (var t in FerryData.Tickets) first[t.Id] = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = t.Id }, outputs);
        await engine.FlushOnlineStoreAsync();
        foreach (var t in FerryData.Tickets)
        {
            var again = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = t.Id }, outputs);
            var sailing = FerryData.Sailings.FirstOrDefault(s => s.Id == t.SailingId);
            var vessel = sailing is null ? null : FerryData.Vessel(sailing.VesselId!);
            foreach (var r in new[] { first[t.Id], again })
            {
                Assert.That(r["ferry_ticket.sailing.revenue"], Is.EqualTo(sailing is null ? null : FerryData.Revenue(sailing.Id)), $"ticket {t.Id}");
                Assert.That(r["ferry_ticket.sailing.ticket_count"], Is.EqualTo(sailing is null ? null : FerryData.TicketCount(sailing.Id)), $"ticket {t.Id}");
                Assert.That(r["ferry_ticket.sailing.vessel.name"], Is.EqualTo(vessel?.Name), $"ticket {t.Id}");
                Assert.That(r["ferry_ticket.sailing.vessel.capacity"], Is.EqualTo(vessel?.Capacity), $"ticket {t.Id}");
                Assert.That(r.MissingRows.Select(m => m.Path), Is.EqualTo(first[t.Id].MissingRows.Select(m => m.Path)), $"ticket {t.Id}");
            }
            Assert.That(first[t.Id].MissingRows, sailing is null || vessel is null ? Is.Not.Empty : Is.Empty, $"ticket {t.Id}");
        }
    }

    [Test]
    public async Task A_value_is_served_until_its_staleness_and_recomputed_after_even_when_the_row_changed()
    {
        await using var engine = Engine();
        AssertVessel(await VesselAsync(engine, "MV-1"), "MV-1");
        await engine.FlushOnlineStoreAsync();
        await Db.ExecuteAsync("update vessels set capacity = 801, name = 'Aurora II' where id = 'MV-1'");

        // Just inside the limit: the in-memory store expires an entry at exactly its time to live, so the last tick is not asked for.
        Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        var atLimit = await VesselAsync(engine, "MV-1");
        Assert.That(atLimit["ferry_vessel.capacity"], Is.EqualTo(800L), "younger than 10m is served");
        Assert.That(atLimit["ferry_vessel.name"], Is.EqualTo("Aurora"));

        Clock.Advance(TimeSpan.FromTicks(2));
        var after = await VesselAsync(engine, "MV-1");
        Assert.That(after["ferry_vessel.capacity"], Is.EqualTo(801L), "a tick past 10m is recomputed");
        Assert.That(after.Sources["ferry_vessel.capacity"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
        Assert.That(after["ferry_vessel.name"], Is.EqualTo("Aurora"), "the name keeps its hour");
        Assert.That(after.Sources["ferry_vessel.name"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
    }

    [Test]
    public async Task Concurrent_queries_write_concurrently_and_every_key_keeps_its_own_value()
    {
        await using var engine = Engine();
        var ids = Enumerable.Range(0, 12).SelectMany(_ => FerryData.Vessels.Select(v => v.Id)).ToList();
        var answers = await Task.WhenAll(ids.Select(id => Task.Run(() => VesselAsync(engine, id))));
        for (int i = 0; i < ids.Count; i++) AssertVessel(answers[i], ids[i]);
        await engine.FlushOnlineStoreAsync();
        var again = await Task.WhenAll(ids.Select(id => Task.Run(() => VesselAsync(engine, id))));
        for (int i = 0; i < ids.Count; i++)
        {
            AssertVessel(again[i], ids[i]);
            Assert.That(again[i].Sources["ferry_vessel.name"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
        }
    }

    [Test]
    public async Task Materialized_vessels_serve_another_engine_sharing_the_store()
    {
        await using (var batch = Engine())
        {
            var written = await batch.MaterializeAsync("ferry_vessel", ["ferry_vessel.name", "ferry_vessel.capacity", "ferry_vessel.sailing_count"]);
            Assert.That(written.Rows, Is.EqualTo(FerryData.Vessels.Length));
            Assert.That(written.Written, Is.EqualTo(3 * FerryData.Vessels.Length));
        }
        await using var online = Engine();
        foreach (var v in FerryData.Vessels)
        {
            var r = await VesselAsync(online, v.Id, "ferry_vessel.name", "ferry_vessel.capacity", "ferry_vessel.sailing_count");
            Assert.That(r["ferry_vessel.name"], Is.EqualTo(v.Name), v.Id);
            Assert.That(r["ferry_vessel.capacity"], Is.EqualTo(v.Capacity), v.Id);
            Assert.That(r["ferry_vessel.sailing_count"], Is.EqualTo(FerryData.SailingCount(v.Id)), v.Id);
            Assert.That(r.Store.Hits, Is.EqualTo(3), v.Id);
        }
    }

    [Test]
    public async Task A_row_whose_call_failed_is_not_stored_and_is_computed_again()
    {
        var port = new PortAuthority();
        await using var engine = Engine(port: port);
        string[] outputs = ["ferry_sailing.revenue", "ferry_sailing.berth"];
        var inputs = new Dictionary<string, object?> { ["ferry_sailing.id"] = FerryData.BigSailing };
        var first = await engine.QueryAsync(inputs, outputs);
        Assert.That(first.Errors.Select(e => e.Feature), Does.Contain("ferry_sailing.berth"));
        Assert.That(first["ferry_sailing.berth"], Is.Null);
        Assert.That(first.Get<double>("ferry_sailing.revenue"), Is.EqualTo(FerryData.Revenue(FerryData.BigSailing)));
        await engine.FlushOnlineStoreAsync();
        var second = await engine.QueryAsync(inputs, outputs);
        Assert.That(second.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.Resolver));
        Assert.That(second.Errors.Select(e => e.Feature), Does.Contain("ferry_sailing.berth"));
        Assert.That(port.Calls, Is.EqualTo(2), "one attempt per query (a refusal is not retried) and no cached failure");
    }

    [Test]
    public async Task A_berth_is_cached_under_its_arguments_and_served_without_a_call()
    {
        var port = new PortAuthority();
        await using var engine = Engine(port: port);
        foreach (var s in FerryData.Sailings.Where(s => s.Route != "storm"))
        {
            var r = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = s.Id }, ["ferry_sailing.berth"], new QueryOptions { Staleness = { ["ferry_sailing.berth"] = TimeSpan.Zero } });
            Assert.That(r["ferry_sailing.berth"], Is.EqualTo(FerryData.BerthOf(s.Route)), $"sailing {s.Id}");
        }
        int calls = port.Calls;
        Assert.That(calls, Is.EqualTo(FerryData.Sailings.Count(s => s.Route != "storm")));
        await engine.FlushOnlineStoreAsync();
        foreach (var s in FerryData.Sailings.Where(s => s.Route != "storm"))
        {
            var r = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = s.Id }, ["ferry_sailing.berth"], new QueryOptions { Staleness = { ["ferry_sailing.berth"] = TimeSpan.Zero } });
            Assert.That(r["ferry_sailing.berth"], Is.EqualTo(FerryData.BerthOf(s.Route)), $"sailing {s.Id}");
        }
        Assert.That(port.Calls, Is.EqualTo(calls), "every answer came from the call cache");
    }
}
