using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Benchmarks.Support;
using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Aggregation;

/// <summary>Online latency of one buyer's ten aggregates (three windows) over the 10M-payment table: one query per
/// iteration, without and with an index on the payments' foreign key.</summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*AggregationOnline*'</c>. One buyer's rows are
/// fetched by the foreign key and aggregated in the engine (<c>KeyedAggregation</c>); without the index DuckDB scans
/// the table's buyer_id column for them, with it reads them through the index.
/// </remarks>
[Config(typeof(Config))]
public class AggregationOnlineBenchmarks
{
    private DuckDbSource _source = null!;
    private ChalkEngine _engine = null!;
    private readonly Dictionary<string, object?> _buyer = [];
    private int _buyers;
    private long _next;

    /// <summary>Whether payments.buyer_id is indexed.</summary>
    [Params(false, true)]
    public bool Indexed { get; set; }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(50).WithIterationCount(500).WithLaunchCount(1));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        (_buyers, int payments) = AggregationData.Sizes();
        (_source, _engine) = AggregationData.Open(_buyers, payments, Indexed);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One buyer, ten aggregates, as of now.</summary>
    [Benchmark]
    public Task<OnlineResult> OneBuyer()
    {
        _buyer["buyer.id"] = 1 + (_next++ * 7919 % _buyers);
        return _engine.QueryAsync(_buyer, AggregationData.Outputs);
    }
}
