using Chalk.Store;
using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;
using StackExchange.Redis;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>The ferry over a real Redis: entries expire with their feature's staleness, and a Redis that is down is a
/// named state of the answer (or a <see cref="ChalkStoreException"/> when the store is required), never a wrong value.</summary>
[NonParallelizable]
public sealed class FerryRedisTests : FerryDatabaseFixture
{
    [Test]
    public async Task Each_entry_expires_in_redis_with_its_features_staleness()
    {
        var prefix = $"ferry-ttl-{Guid.NewGuid():N}:";
        await using var store = await RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = RedisServer.Shared.EndPoint, KeyPrefix = prefix });
        await using var engine = FerryData.Engine(Db, store, Clock);
        await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = 1 }, ["ferry_ticket.sailing.vessel.capacity", "ferry_ticket.sailing.vessel.name"]);
        await engine.FlushOnlineStoreAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared.EndPoint);
        var db = redis.GetDatabase();
        async Task<TimeSpan?> TtlAsync(string feature, object key) => await db.KeyTimeToLiveAsync(store.RedisKeyOf(new StoreKey(feature, key)));
        Assert.That(await db.KeyExistsAsync(store.RedisKeyOf(new StoreKey("ferry_ticket.sailing_id", 1L))), Is.True);
        Assert.That(await TtlAsync("ferry_ticket.sailing_id", 1L), Is.Null, "infinity: no expiry");
        Assert.That(await TtlAsync("ferry_sailing.vessel_id", 1L), Is.Null, "infinity: no expiry");
        Assert.That(await TtlAsync("ferry_vessel.capacity", "MV-1"), Is.InRange(TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10)));
        Assert.That(await TtlAsync("ferry_vessel.name", "MV-1"), Is.InRange(TimeSpan.FromMinutes(59), TimeSpan.FromHours(1)));
    }

    [Test]
    public async Task A_redis_that_is_down_leaves_every_answer_right_and_says_so()
    {
        var dead = RedisServer.Start();
        var endpoint = dead.EndPoint;
        dead.Dispose();
        await using var store = await RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = endpoint, Timeout = TimeSpan.FromMilliseconds(300) });
        var port = new PortAuthority();
        await using var engine = FerryData.Engine(Db, store, Clock, port);
        foreach (var v in FerryData.Vessels)
        {
            var r = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_vessel.id"] = v.Id }, ["ferry_vessel.name", "ferry_vessel.capacity"]);
            Assert.That(r["ferry_vessel.name"], Is.EqualTo(v.Name), v.Id);
            Assert.That(r["ferry_vessel.capacity"], Is.EqualTo(v.Capacity), v.Id);
            Assert.That(r.Store.State, Is.EqualTo(OnlineStoreState.Unavailable), v.Id);
            Assert.That(r.Store.Error, Does.Contain(endpoint));
        }
        var berth = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = 1L }, ["ferry_sailing.berth"],
            new QueryOptions { Staleness = { ["ferry_sailing.berth"] = TimeSpan.Zero } });
        Assert.That(berth["ferry_sailing.berth"], Is.EqualTo(FerryData.BerthOf("Oslo, Kiel")), "the call cache is skipped, the call made");
        Assert.That(berth.Errors, Is.Empty);
        await engine.FlushOnlineStoreAsync();

        var e = await Assert.ThrowsAsync<ChalkStoreException>(() => engine.QueryAsync(new Dictionary<string, object?> { ["ferry_vessel.id"] = "MV-1" }, ["ferry_vessel.name"],
            new QueryOptions { RequireOnlineStore = true }));
        Assert.That(e!.Message, Does.Contain(endpoint));
        var m = await Assert.ThrowsAsync<ChalkStoreException>(() => engine.MaterializeAsync("ferry_vessel", ["ferry_vessel.name"]));
        Assert.That(m!.Message, Does.Contain(endpoint));
    }
}
