using Chalk.Store;
using Chalk.Tests.Infrastructure;

namespace Chalk.Benchmarks.Store;

/// <summary>A redis-server started for one benchmark process (on a free loopback port, persistence off) and a
/// <see cref="RedisOnlineStore"/> connected to it; disposing closes the store and kills the server.</summary>
internal sealed class ThrowawayRedis : IAsyncDisposable
{
    private readonly RedisServer _server;

    private ThrowawayRedis(RedisServer server, RedisOnlineStore store)
    {
        _server = server;
        Store = store;
    }

    /// <summary>The store, which engines use without owning it.</summary>
    public RedisOnlineStore Store { get; }

    /// <summary>Starts the server and connects.</summary>
    /// <exception cref="InvalidOperationException">redis-server is not installed or did not start.</exception>
    public static async Task<ThrowawayRedis> StartAsync()
    {
        var server = RedisServer.Start();
        try
        {
            var store = await RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions { Configuration = server.EndPoint, KeyPrefix = "bench:" });
            return new ThrowawayRedis(server, store);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _server.Dispose();
    }
}
