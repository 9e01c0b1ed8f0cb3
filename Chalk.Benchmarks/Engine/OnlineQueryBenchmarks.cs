using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Benchmarks.Support;

namespace Chalk.Benchmarks.Engine;

/// <summary>Online query latency on the bundled example: one query per iteration, so percentiles are per query.</summary>
/// <remarks>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*OnlineQuery*'</c></remarks>
[Config(typeof(Config))]
public class OnlineQueryBenchmarks
{
    private ChalkEngine _engine = null!;
    private Dictionary<string, object?> _review = null!;
    private Dictionary<string, object?> _user = null!;
    private long _next;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(100).WithIterationCount(2000).WithLaunchCount(1));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _engine = MarketplaceSetup.BuildEngineAsync().GetAwaiter().GetResult();
        _review = new Dictionary<string, object?> { ["review.id"] = 241L };
        _user = new Dictionary<string, object?> { ["user.id"] = 5L };
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The README's query: one SQL lookup and one C# resolver through the per-row fallback.</summary>
    [Benchmark(Baseline = true)]
    public Task<OnlineResult> NormalizedRating()
    {
        _review["review.id"] = 1 + (_next++ % 20000);
        return _engine.QueryAsync(_review, ["review.normalized_rating"]);
    }

    /// <summary>Eight features through three has-one joins, a has-many fetch and four fallbacks.</summary>
    [Benchmark]
    public Task<OnlineResult> ReviewWide()
    {
        _review["review.id"] = 1 + (_next++ % 20000);
        return _engine.QueryAsync(_review, [
            "review.normalized_rating", "review.user.display_name", "review.product.average_rating", "review.sentiment_score",
            "review.product.seller.name", "review.is_positive", "review.user.marketplace_username", "review.product.seller.is_top_rated"]);
    }

    /// <summary>A user's aggregates over two has-many relations, computed per row by the fallback.</summary>
    [Benchmark]
    public Task<OnlineResult> UserAggregates()
    {
        _user["user.id"] = 1 + (_next++ % 2000);
        return _engine.QueryAsync(_user, ["user.review_count", "user.average_rating_given", "user.purchase_count"]);
    }
}
