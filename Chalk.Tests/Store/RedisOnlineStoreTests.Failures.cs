using System.Diagnostics;
using Chalk.Store;

namespace Chalk.Tests.Store;

// Redis dies under a store: it fails fast, names the endpoint, and recovers by itself.
public sealed partial class RedisOnlineStoreTests
{
    private async Task<ChalkStoreException> FailsFastAsync(Func<Task> operation, string what)
    {
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ChalkStoreException>(async () => await operation().WaitAsync(TimeSpan.FromSeconds(30)));
        clock.Stop();
        TestContext.Out.WriteLine($"{what}: failed after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.That(clock.Elapsed, Is.LessThan(s_failFastLimit), $"{what} waited instead of failing fast");
        Assert.That(ex!.Message, Does.Contain(_server.EndPoint).And.Contain("check that redis-server is running"));
        Assert.That(ex.InnerException, Is.Not.Null);
        return ex;
    }

    // Reconnecting takes the client a moment after the server is back; poll until the store works.
    private static async Task<TimeSpan> UntilItWorksAsync(Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await operation();
                return clock.Elapsed;
            }
            catch (Exception ex) when ((ex is ChalkStoreException or StackExchange.Redis.RedisException or TimeoutException) && clock.Elapsed < s_reconnectLimit)
            {
                await Task.Delay(100);
            }
        }
    }

    [Test]
    public async Task When_the_server_is_killed_reads_and_writes_fail_fast_naming_the_endpoint_and_work_again_after_a_restart()
    {
        await using var store = await ConnectAsync();
        await store.WriteAsync([Write("user.name", 1L, "Ada")]);
        Assert.That((await store.ReadAsync([new("user.name", 1L)]))[0], Is.Not.Null);

        _server.Kill();
        await FailsFastAsync(async () => await store.ReadAsync([new("user.name", 1L)]), "first read after the kill");
        await FailsFastAsync(async () => await store.WriteAsync([Write("user.name", 2L, "Bob")]), "write while down");
        await FailsFastAsync(async () => await store.ReadAsync([new("user.name", 1L)]), "read while down");

        await _server.RestartAsync();
        var reconnect = await UntilItWorksAsync(async () => await store.WriteAsync([Write("user.name", 3L, "Cy")]));
        TestContext.Out.WriteLine($"the same store wrote again {reconnect.TotalMilliseconds:F0} ms after the restart");

        var read = await store.ReadAsync([new("user.name", 1L), new("user.name", 2L), new("user.name", 3L)]);
        Assert.That(read[0], Is.Null, "the restarted server keeps nothing: persistence is off");
        Assert.That(read[1], Is.Null, "the write that failed stored nothing");
        Assert.That(read[2], Is.EqualTo(new StoredValue("Cy", s_at)));
    }

    [Test]
    public async Task When_the_server_shuts_down_a_write_fails_fast_too()
    {
        await using var store = await ConnectAsync();
        await store.WriteAsync([Write("user.name", 1L, "Ada")]);

        await _server.StopAsync();
        Assert.That(_server.IsRunning, Is.False);
        await FailsFastAsync(async () => await store.WriteAsync([Write("user.name", 2L, "Bob"), Write("user.name", 3L, "Cy")]), "first write after a shutdown");

        await _server.RestartAsync();
        await UntilItWorksAsync(async () => await store.ReadAsync([new("user.name", 1L)]));
    }

    [Test]
    public async Task A_store_connected_while_the_server_is_down_fails_fast_and_works_once_it_is_up()
    {
        _server.Kill();
        var clock = Stopwatch.StartNew();
        await using var store = await ConnectAsync();
        TestContext.Out.WriteLine($"connecting to a dead server returned after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.That(clock.Elapsed, Is.LessThan(s_failFastLimit));

        await FailsFastAsync(async () => await store.ReadAsync([new("user.name", 1L)]), "read before the server ever answered");

        await _server.RestartAsync();
        var reconnect = await UntilItWorksAsync(async () => await store.WriteAsync([Write("user.name", 1L, "Ada")]));
        TestContext.Out.WriteLine($"the store connected {reconnect.TotalMilliseconds:F0} ms after the server started");
        Assert.That((await store.ReadAsync([new("user.name", 1L)]))[0], Is.EqualTo(new StoredValue("Ada", s_at)));
    }

    [Test]
    public async Task When_the_server_stops_answering_reads_and_writes_fail_after_about_the_timeout_and_work_again_after()
    {
        await using var store = await ConnectAsync();
        await store.WriteAsync([Write("user.name", 1L, "Ada")]);

        // Redis holds every client's commands, the store's included, as a stalled or overloaded server would.
        var pause = TimeSpan.FromSeconds(4);
        await Admin.ExecuteAsync("CLIENT", "PAUSE", (long)pause.TotalMilliseconds, "ALL");
        var clock = Stopwatch.StartNew();
        var read = await FailsFastAsync(async () => await store.ReadAsync([new("user.name", 1L)]), "read while the server is paused");
        var write = await FailsFastAsync(async () => await store.WriteAsync([Write("user.name", 2L, "Bob")]), "write while the server is paused");
        Assert.That(clock.Elapsed, Is.LessThan(pause), "the store gave up before the server answered");
        Assert.That(read.Message, Does.Contain("no answer in time"));
        Assert.That(write.InnerException, Is.InstanceOf<TimeoutException>());

        await UntilItWorksAsync(async () => await store.ReadAsync([new("user.name", 1L)]));
        Assert.That((await store.ReadAsync([new("user.name", 1L)]))[0], Is.EqualTo(new StoredValue("Ada", s_at)));
    }
}
