using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Chalk.Store;
using Chalk.Tests.Infrastructure;
using StackExchange.Redis;

namespace Chalk.Tests.Store;

/// <summary>What the Redis store does beyond the contract: its round trips, expiries and key layout, seen from a second
/// connection, and how it fails and recovers when redis-server dies under it.</summary>
[NonParallelizable]
public sealed partial class RedisOnlineStoreTests
{
    // Generous against a loaded CI machine; the store's own timeout is one second.
    private static readonly TimeSpan s_failFastLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_reconnectLimit = TimeSpan.FromSeconds(15);
    private static readonly DateTimeOffset s_at = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private RedisServer _server = null!;
    private ConnectionMultiplexer _admin = null!;
    private string _prefix = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        // Its own server, not the shared one: these tests kill it, and count the commands it served.
        _server = RedisServer.Start();
        _admin = await ConnectionMultiplexer.ConnectAsync($"{_server.EndPoint},allowAdmin=true,abortConnect=false");
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _admin.DisposeAsync();
        _server.Dispose();
    }

    [SetUp]
    public async Task ServerIsUp()
    {
        if (!_server.IsRunning) await _server.RestartAsync();
        _prefix = $"t{Guid.NewGuid():N}:";
        // After a test that restarted the server, the checking connection takes a heartbeat or so to come back.
        await UntilItWorksAsync(() => Admin.PingAsync());
    }

    private Task<RedisOnlineStore> ConnectAsync() =>
        RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = _server.EndPoint, KeyPrefix = _prefix });

    private IDatabase Admin => _admin.GetDatabase();

    private static StoreWrite Write(string feature, object key, object? value, TimeSpan? ttl = null) =>
        new(new StoreKey(feature, key), new StoredValue(value, s_at), ttl);

    private async Task<long> CallsAsync(string command)
    {
        var stats = await _admin.GetServer(_server.EndPoint).InfoRawAsync("commandstats");
        var match = Regex.Match(stats ?? "", $@"^cmdstat_{command}:calls=(\d+)", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    // The client writes a SET with an expiry as SETEX or PSETEX.
    private async Task<long> SetCallsAsync() => await CallsAsync("set") + await CallsAsync("setex") + await CallsAsync("psetex");

    [Test]
    public async Task A_read_of_fifty_keys_is_one_MGET_and_no_GET()
    {
        await using var store = await ConnectAsync();
        var writes = Enumerable.Range(0, 50).Select(i => Write("user.total", (long)i, (long)i * 10)).ToList();
        await store.WriteAsync(writes);
        long mget = await CallsAsync("mget"), get = await CallsAsync("get");

        var read = await store.ReadAsync(writes.Select(w => w.Key).ToList());

        Assert.That(read.Select(v => v?.Value), Is.EqualTo(writes.Select(w => w.Value.Value)));
        Assert.That(await CallsAsync("mget"), Is.EqualTo(mget + 1));
        Assert.That(await CallsAsync("get"), Is.EqualTo(get));
    }

    [Test]
    public async Task A_write_of_many_entries_is_one_SET_each_and_an_empty_read_or_write_sends_nothing()
    {
        await using var store = await ConnectAsync();
        long sets = await SetCallsAsync(), mget = await CallsAsync("mget");

        await store.WriteAsync(Enumerable.Range(0, 20).Select(i => Write("user.name", "u" + i, "n" + i, TimeSpan.FromMilliseconds(300_000 + i))).ToList());
        await store.WriteAsync([]);
        var none = await store.ReadAsync([]);

        Assert.That(none, Is.Empty);
        Assert.That(await SetCallsAsync(), Is.EqualTo(sets + 20));
        Assert.That(await CallsAsync("mget"), Is.EqualTo(mget));
    }

    [Test]
    public async Task Keys_are_the_prefix_then_the_feature_and_the_tagged_primary_key_as_redis_cli_shows_them()
    {
        await using var store = await ConnectAsync();
        await store.WriteAsync([Write("user.total_orders", 42L, 3), Write("user.email", "ada@example.com", "x")]);

        Assert.That(await Admin.KeyExistsAsync($"{_prefix}user.total_orders|i:42"), Is.True);
        Assert.That(await Admin.KeyExistsAsync($"{_prefix}user.email|s:ada@example.com"), Is.True);
        Assert.That(Encoding.UTF8.GetString(store.RedisKeyOf(new StoreKey("user.total_orders", 42))), Is.EqualTo($"{_prefix}user.total_orders|i:42"));
    }

    [Test]
    public async Task A_write_expires_each_entry_after_its_time_to_live_and_never_without_one()
    {
        await using var store = await ConnectAsync();
        var hour = TimeSpan.FromHours(1);
        await store.WriteAsync([Write("user.a", 1L, 1, hour), Write("user.b", 1L, 2, TimeSpan.FromMilliseconds(90_500)), Write("user.c", 1L, 3)]);

        var a = await Admin.KeyTimeToLiveAsync(store.RedisKeyOf(new StoreKey("user.a", 1L)));
        var b = await Admin.KeyTimeToLiveAsync(store.RedisKeyOf(new StoreKey("user.b", 1L)));
        var c = await Admin.KeyTimeToLiveAsync(store.RedisKeyOf(new StoreKey("user.c", 1L)));

        Assert.That(a, Is.GreaterThan(hour - TimeSpan.FromSeconds(30)).And.LessThanOrEqualTo(hour));
        Assert.That(b, Is.GreaterThan(TimeSpan.FromSeconds(90)).And.LessThanOrEqualTo(TimeSpan.FromMilliseconds(90_500)), "milliseconds are kept, not rounded to seconds");
        Assert.That(c, Is.Null, "no time to live, no expiry");
    }

    [Test]
    public async Task An_entry_whose_time_to_live_is_zero_or_negative_deletes_what_was_stored()
    {
        await using var store = await ConnectAsync();
        await store.WriteAsync([Write("user.a", 1L, "kept"), Write("user.b", 1L, "kept")]);

        await store.WriteAsync([Write("user.a", 1L, "zero", TimeSpan.Zero), Write("user.b", 1L, "negative", TimeSpan.FromSeconds(-1)), Write("user.c", 1L, "zero", TimeSpan.Zero)]);
        var read = await store.ReadAsync([new("user.a", 1L), new("user.b", 1L), new("user.c", 1L)]);

        Assert.That(read.Select(v => v?.Value), Is.EqualTo(new object?[] { null, null, null }));
        Assert.That(await Admin.KeyExistsAsync(store.RedisKeyOf(new StoreKey("user.a", 1L))), Is.False);
    }

    [Test]
    public async Task Bytes_that_are_not_an_entry_and_keys_of_other_redis_types_read_as_misses()
    {
        await using var store = await ConnectAsync();
        await store.WriteAsync([Write("user.good", 1L, 2.5)]);
        await Admin.StringSetAsync(store.RedisKeyOf(new StoreKey("user.garbage", 1L)), new byte[] { 1, 99, 0, 0, 0, 0, 0, 0, 0, 0, 7 });
        await Admin.StringSetAsync(store.RedisKeyOf(new StoreKey("user.text", 1L)), "hello");
        await Admin.StringSetAsync(store.RedisKeyOf(new StoreKey("user.empty", 1L)), Array.Empty<byte>());
        await Admin.ListLeftPushAsync(store.RedisKeyOf(new StoreKey("user.list", 1L)), "x");

        var read = await store.ReadAsync([new("user.garbage", 1L), new("user.text", 1L), new("user.empty", 1L), new("user.list", 1L), new("user.good", 1L)]);

        Assert.That(read.Take(4), Is.All.Null);
        Assert.That(read[4], Is.EqualTo(new StoredValue(2.5, s_at)));
    }

    [Test]
    public async Task Two_stores_with_their_own_connections_share_entries_as_two_processes_would()
    {
        await using var first = await ConnectAsync();
        await using var second = await ConnectAsync();

        await first.WriteAsync([Write("user.name", 7L, "Ada")]);
        await second.WriteAsync([Write("user.age", 7L, 36)]);
        var seenBySecond = await second.ReadAsync([new("user.name", 7L)]);
        var seenByFirst = await first.ReadAsync([new("user.age", 7L)]);

        Assert.That(seenBySecond[0], Is.EqualTo(new StoredValue("Ada", s_at)));
        Assert.That(seenByFirst[0], Is.EqualTo(new StoredValue(36, s_at)));
    }

    [Test]
    public async Task Its_name_is_redis_and_the_endpoint()
    {
        await using var store = await ConnectAsync();

        Assert.That(store.Name, Is.EqualTo($"redis {_server.EndPoint}"));
    }

    [Test]
    public async Task Disposing_a_store_closes_its_own_connection_but_not_one_the_caller_passed_in()
    {
        var owned = await ConnectAsync();
        await owned.DisposeAsync();
        await owned.DisposeAsync();
        Assert.That(async () => await owned.ReadAsync([new("user.a", 1L)]), Throws.InstanceOf<ObjectDisposedException>());

        var borrowed = new RedisOnlineStore(_admin, _prefix);
        await borrowed.WriteAsync([Write("user.a", 1L, 1)]);
        await borrowed.DisposeAsync();

        Assert.That(_admin.IsConnected, Is.True);
        Assert.That(await Admin.KeyExistsAsync(_prefix + "user.a|i:1"), Is.True);
    }

    [Test]
    public async Task A_cancelled_read_or_write_throws_OperationCanceledException()
    {
        await using var store = await ConnectAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.That(async () => await store.ReadAsync([new("user.a", 1L)], cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => await store.WriteAsync([Write("user.a", 1L, 1)], cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Options_without_an_endpoint_or_with_a_timeout_that_is_not_positive_are_refused()
    {
        Assert.That(() => RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = " " }), Throws.InstanceOf<ArgumentException>());
        Assert.That(() => RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = "abortConnect=false" }),
            Throws.ArgumentException.With.Message.Contains("names no endpoint"));
        Assert.That(() => RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = _server.EndPoint, Timeout = TimeSpan.Zero }),
            Throws.ArgumentException.With.Message.Contains("Timeout"));
    }
}
