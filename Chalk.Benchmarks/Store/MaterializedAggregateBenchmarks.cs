using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Benchmarks.Support;
using Chalk.Sql.Sources;
using Chalk.Store;
using Perfolizer.Mathematics.OutlierDetection;

namespace Chalk.Benchmarks.Store;

/// <summary>One account's 50 aggregates (14 plain, 6 windowed × 6 windows) over 10M payments: computed by DuckDB
/// pushdown on every query, or materialized into Redis (and, for reference, the in-memory store) and read from it.
/// One query per iteration, so percentiles are per query.</summary>
/// <remarks>
/// <para>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*MaterializedAggregate*'</c>; for a quick
/// check on small data: <c>CHALK_BENCH_ACCOUNTS=2000 CHALK_BENCH_ACCOUNT_PAYMENTS=100000 dotnet run …</c> (defaults
/// 100,000 accounts and 10,000,000 payments, generated in an in-memory DuckDB by each benchmark's setup).</para>
/// <para>The materialized variants call <c>MaterializeAsync</c> for the 2,000 queried accounts (a batch query; each
/// value written with its feature's one-day staleness as time to live), then check that every one of those accounts'
/// online queries is answered by the store alone (50 hits). Issue 13's target: Redis p99 ≤ 2 ms.</para>
/// <para>Unlike BenchmarkDotNet's default, slow iterations are kept (not removed as outliers) and no full GC is forced
/// between iterations, so P99 includes the GC pauses the queries cause.</para>
/// </remarks>
[Config(typeof(Config))]
public class MaterializedAggregateBenchmarks
{
    private readonly Dictionary<string, object?> _account = [];
    private DuckDbSource _source = null!;
    private ChalkEngine _engine = null!;
    private IOnlineStore? _memory;
    private ThrowawayRedis? _redis;
    private int _accounts;
    private long _next;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // Slow iterations are the tail that the p99 targets are about, so none is dropped as an outlier. No full GC is
            // forced before each iteration: with one query per iteration it would make every query run on caches the GC just
            // swept (tripling a warm query's median) while keeping every GC pause the queries cause out of the measurement.
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(30).WithIterationCount(500).WithLaunchCount(1)
                .WithOutlierMode(OutlierMode.DontRemove).WithGcForce(false));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }

    [GlobalSetup(Target = nameof(Pushdown))]
    public void SetupPushdown() => Open(store: null);

    [GlobalSetup(Target = nameof(MaterializedInMemory))]
    public void SetupInMemory()
    {
        _memory = new InMemoryOnlineStore();
        Open(_memory);
        MaterializeAsync().GetAwaiter().GetResult();
    }

    [GlobalSetup(Target = nameof(MaterializedRedis))]
    public void SetupRedis()
    {
        _redis = ThrowawayRedis.StartAsync().GetAwaiter().GetResult();
        Open(_redis.Store);
        MaterializeAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _memory?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>No store: the 50 aggregates pushed down into DuckDB over the account's payments.</summary>
    [Benchmark(Baseline = true)]
    public Task<OnlineResult> Pushdown() => Next();

    /// <summary>The 50 materialized values read from the in-memory store.</summary>
    [Benchmark]
    public Task<OnlineResult> MaterializedInMemory() => Next();

    /// <summary>The 50 materialized values read from Redis in one MGET.</summary>
    [Benchmark]
    public Task<OnlineResult> MaterializedRedis() => Next();

    private Task<OnlineResult> Next()
    {
        _account["account.id"] = AccountData.AccountOf(_next++, _accounts);
        return _engine.QueryAsync(_account, AccountData.Outputs);
    }

    private void Open(IOnlineStore? store)
    {
        (_accounts, int payments) = AccountData.Sizes();
        _source = AccountData.CreateSourceAsync(_accounts, payments).GetAwaiter().GetResult();
        _engine = AccountData.BuildEngine(_source, store);
    }

    private async Task MaterializeAsync()
    {
        var written = await _engine.MaterializeAsync(AccountData.QueriedIds(_accounts), AccountData.Outputs);
        Console.WriteLine($"// materialized {written.Written} values into {_engine.OnlineStore!.Name}");
        var inputs = new Dictionary<string, object?>();
        for (int n = 0; n < Math.Min(AccountData.QueriedAccounts, _accounts); n++)
        {
            long id = AccountData.AccountOf(n, _accounts);
            inputs["account.id"] = id;
            var result = await _engine.QueryAsync(inputs, AccountData.Outputs);
            StoreWarmth.RequireServedFromStore(result, AccountData.Outputs.Length, $"the 50-aggregate query of account {id} on {_engine.OnlineStore.Name}");
        }
    }
}
