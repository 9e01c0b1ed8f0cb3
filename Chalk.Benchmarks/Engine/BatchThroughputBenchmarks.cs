using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Benchmarks.Support;

namespace Chalk.Benchmarks.Engine;

/// <summary>Batch throughput for 100k input rows: C# resolvers and computed properties (the lifted ones vectorized,
/// <c>sentiment_score</c> — a loop — through the per-row fallback, in parallel).</summary>
/// <remarks>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*BatchThroughput*'</c></remarks>
[Config(typeof(Config))]
public class BatchThroughputBenchmarks
{
    private const int Rows = 100_000;
    private ChalkEngine _engine = null!;
    private RecordBatch _ids = null!;
    private RecordBatch _given = null!;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(10).WithLaunchCount(1));
    }

    /// <summary>Whether the engine lifts C# bodies (false: every body per row, the skeleton's path).</summary>
    [Params(true, false)]
    public bool Lifting { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = MarketplaceSetup.BuildEngineAsync(Lifting).GetAwaiter().GetResult();
        var ids = new Int64Array.Builder();
        var ratings = new Int32Array.Builder();
        var bodies = new StringArray.Builder();
        for (int i = 0; i < Rows; i++)
        {
            ids.Append(1 + i % 20000);
            ratings.Append(1 + i % 5);
            bodies.Append(i % 3 == 0 ? "Absolutely love it. Fast shipping." : "Terrible quality, broke after a week. Asked for a refund.");
        }
        var id = ids.Build();
        _ids = new RecordBatch(new Schema([new Field("review.id", Int64Type.Default, false)], null), [id], Rows);
        _given = new RecordBatch(new Schema([
            new Field("review.id", Int64Type.Default, false), new Field("review.rating", Int32Type.Default, false),
            new Field("review.review_body", StringType.Default, false)], null), [id, ratings.Build(), bodies.Build()], Rows);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Inputs carry the features the resolvers read: only the C# bodies run.</summary>
    [Benchmark(Baseline = true)]
    public Task<RecordBatch> GivenInputs()
        => _engine.QueryBatchAsync(_given, ["review.normalized_rating", "review.sentiment_score", "review.is_positive"]);

    /// <summary>The same features from ids: a DuckDB lookup of 20k distinct keys, then the C# bodies.</summary>
    [Benchmark]
    public Task<RecordBatch> FromIds()
        => _engine.QueryBatchAsync(_ids, ["review.normalized_rating", "review.sentiment_score", "review.is_positive"]);
}
