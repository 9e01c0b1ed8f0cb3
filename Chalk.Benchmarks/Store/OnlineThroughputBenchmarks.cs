using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Store;

namespace Chalk.Benchmarks.Store;

/// <summary>Online throughput: eight concurrent callers each running the marketplace's wide review query back to back,
/// on a warm in-memory store, a warm Redis on loopback, and (for reference) with no store.</summary>
/// <remarks>
/// <para>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*OnlineThroughput*'</c></para>
/// <para>How to read it: one invocation starts 8 tasks that each run their share of the queries one after another
/// (250 each warm, 25 each cold), and <c>OperationsPerInvoke</c> is the total, so BenchmarkDotNet's Mean is the wall
/// time per query with all callers together, and <c>Queries/s</c> = 1 s / Mean is the throughput. It is not one query's
/// latency (that is <see cref="OnlineStoreBenchmarks"/>). The warm setups are those of <see cref="OnlineStoreBenchmarks"/>:
/// 2,000 reviews warmed and checked to be answered by the store alone; callers cycle over them from different
/// offsets. Issue 13 asks for online queries per second on 2 cores with 8 concurrent callers, store warm.</para>
/// </remarks>
[Config(typeof(Config))]
public class OnlineThroughputBenchmarks : MarketplaceStoreVariants
{
    private const int Callers = 8;
    private const int WarmQueriesPerCaller = 250;
    private const int ColdQueriesPerCaller = 25;

    private long _round;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // GC pauses are part of throughput: no full GC is forced between iterations to keep them out.
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(5).WithIterationCount(30).WithLaunchCount(1).WithGcForce(false));
            AddColumn(new QueriesPerSecondColumn());
        }
    }

    /// <summary>No store: 8 callers × 25 queries, each computed from DuckDB.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Callers * ColdQueriesPerCaller)]
    public Task Cold() => RunCallers(ColdQueriesPerCaller);

    /// <summary>Warm in-memory store: 8 callers × 250 queries.</summary>
    [Benchmark(OperationsPerInvoke = Callers * WarmQueriesPerCaller)]
    public Task WarmInMemory() => RunCallers(WarmQueriesPerCaller);

    /// <summary>Warm Redis: 8 callers × 250 queries over one multiplexed connection.</summary>
    [Benchmark(OperationsPerInvoke = Callers * WarmQueriesPerCaller)]
    public Task WarmRedis() => RunCallers(WarmQueriesPerCaller);

    private Task RunCallers(int queriesPerCaller)
    {
        long first = _round++ * Callers * queriesPerCaller;
        var callers = new Task[Callers];
        for (int c = 0; c < Callers; c++)
        {
            long start = first + (long)c * queriesPerCaller;
            callers[c] = Task.Run(async () =>
            {
                var inputs = new Dictionary<string, object?>();
                for (int q = 0; q < queriesPerCaller; q++)
                    await MarketplaceStoreSetup.QueryWideAsync(Engine, inputs, 1 + ((start + q) % MarketplaceStoreSetup.WarmReviews));
            });
        }
        return Task.WhenAll(callers);
    }
}
