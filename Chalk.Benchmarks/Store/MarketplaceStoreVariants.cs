using BenchmarkDotNet.Attributes;
using Chalk.Store;

namespace Chalk.Benchmarks.Store;

/// <summary>The marketplace engine in the three store variants the store benchmarks compare: no store (cold), a warm
/// in-memory store, and a warm throwaway Redis on loopback. Derived classes name their benchmark methods
/// <c>Cold</c>, <c>WarmInMemory</c> and <c>WarmRedis</c>.</summary>
public abstract class MarketplaceStoreVariants
{
    private IOnlineStore? _memory;
    private ThrowawayRedis? _redis;

    /// <summary>The engine of the variant being measured.</summary>
    protected ChalkEngine Engine { get; private set; } = null!;

    [GlobalSetup(Target = "Cold")]
    public void SetupCold() => Engine = MarketplaceStoreSetup.BuildEngineAsync(store: null).GetAwaiter().GetResult();

    [GlobalSetup(Target = "WarmInMemory")]
    public void SetupInMemory()
    {
        _memory = new InMemoryOnlineStore();
        Engine = MarketplaceStoreSetup.BuildEngineAsync(_memory).GetAwaiter().GetResult();
        MarketplaceStoreSetup.WarmAsync(Engine).GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = "WarmRedis")]
    public void SetupRedis()
    {
        _redis = ThrowawayRedis.StartAsync().GetAwaiter().GetResult();
        Engine = MarketplaceStoreSetup.BuildEngineAsync(_redis.Store).GetAwaiter().GetResult();
        MarketplaceStoreSetup.WarmAsync(Engine).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _memory?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
