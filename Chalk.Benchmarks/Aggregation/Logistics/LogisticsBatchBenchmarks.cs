using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Tests.Engine.Logistics;

namespace Chalk.Benchmarks.Aggregation.Logistics;

/// <summary>A point-in-time batch over three levels of relations that do not all push down: every depot's 48 features
/// (<see cref="LogisticsData.Outputs"/>) as of its own time, against one hand-written DuckDB query returning the same
/// values; and the pushed-down part alone against its own hand-written query.</summary>
/// <remarks>
/// <para>
/// Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*LogisticsBatch*'</c>. Sizes default to 50k
/// depots × 100k vehicles × 2M deliveries and 200k incidents (SQLite); <c>CHALK_BENCH_LOGISTICS=5000/10000/200000/20000</c>
/// runs small. Setup checks that the engine's answers equal the hand-written queries' (throws otherwise).
/// </para>
/// <para>
/// Memory: BenchmarkDotNet runs each method in its own process. At the end of setup (data generated, both paths run
/// once to check them) the process collects garbage and resets the kernel's peak resident set (writing 5 to
/// <c>/proc/self/clear_refs</c>), so the peak printed at cleanup (<c>VmHWM</c>) is the largest resident set while that
/// method's iterations ran: the database, which both paths hold, plus what the query itself needs.
/// </para>
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LogisticsBatchBenchmarks
{
    private LogisticsData _data = null!;
    private ChalkEngine _engine = null!;
    private RecordBatch _inputs = null!;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(7).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(StatisticColumn.Median);
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _data = LogisticsData.CreateAsync(LogisticsSizes.FromEnvironment(LogisticsSizes.Benchmark)).GetAwaiter().GetResult();
        _engine = _data.BuildEngine();
        _inputs = _data.AllDepots();
        _data.LoadKeysAsync(_inputs).GetAwaiter().GetResult();
        LogisticsCheck.SameAsHandWritten(_data, _engine, _inputs).GetAwaiter().GetResult();
        PeakMemory.Reset();
        Console.WriteLine($"// resident after setup: {PeakMemory.ResidentMiB()} MiB");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// peak resident during the iterations: {PeakMemory.PeakMiB()} MiB");
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _data.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The hand-written DuckDB query for every feature, over a key table already in the database.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("all")]
    public Task<long> HandWritten() => LogisticsHandWritten.CountAsync(_data.Fleet);

    /// <summary>The engine: every feature, pushed down, in engine, nested and per row.</summary>
    [Benchmark, BenchmarkCategory("all")]
    public async Task<int> EngineBatch()
    {
        using var result = await _engine.QueryBatchAsync(_inputs, LogisticsData.Outputs, asOf: "ts");
        return result.Length;
    }

    /// <summary>The hand-written query for the pushed-down features alone.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("pushed down")]
    public Task<long> HandWrittenPushedDown() => LogisticsHandWritten.CountAsync(_data.Fleet, LogisticsHandWritten.PushedDownSql);

    /// <summary>The engine asked for the pushed-down features alone.</summary>
    [Benchmark, BenchmarkCategory("pushed down")]
    public async Task<int> EnginePushedDown()
    {
        using var result = await _engine.QueryBatchAsync(_inputs, LogisticsData.PushedDownOutputs, asOf: "ts");
        return result.Length;
    }
}
