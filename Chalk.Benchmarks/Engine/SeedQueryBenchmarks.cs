using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Chalk.Benchmarks.Support;
using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Engine;

/// <summary>The seed's example query (review 241's twenty outputs: aggregates with 30d/90d/360d windows, has-one paths,
/// two LLM calls, C# resolvers and computed features), which the seed answered in 68 ms. One query per iteration.</summary>
/// <remarks>
/// <para>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*SeedQuery*'</c></para>
/// <list type="bullet">
/// <item><c>FirstQueryAfterBuild</c>: <c>Build()</c> (discovery, binding, lifting every resolver) and the first query,
/// which plans it — the plan time the issue bounds at 50 ms, plus one query.</item>
/// <item><c>WarmStoreEmpty</c>: every feature computed on every query, the LLM calls included (no online store, so
/// nothing is cached; the example's chat client is local rules, so a call costs microseconds, not a model's latency).</item>
/// <item><c>WarmLlmCached</c>: the default in-memory store holding the LLM answers (their resolvers' <c>CacheFor</c>)
/// and the example's four stored features; everything else computed.</item>
/// <item><c>WarmStoreFull</c>: every output given a staleness for the query, so after warming each query is answered
/// by the store alone.</item>
/// <item><c>ProjectLlmCached</c>: as <c>WarmLlmCached</c>, on the example as <c>chalk query</c> runs it (its
/// <c>chalk.json</c>: a read-only DuckDB file, whose statements stay planned across queries, and the catalogue in
/// SQLite); the others put both sources in one in-memory DuckDB. <c>ProjectOneThreadLlmCached</c>: the same with the
/// DuckDB source's <c>"threads": "1"</c>. <c>ProjectStatementsLlmCached</c>: the example without its
/// <c>"inMemoryRows"</c>, so every lookup is a DuckDB statement.</item>
/// </list>
/// Queries cycle over 200 reviews, all warmed first; latency jobs keep outliers and do not force a GC per query.
/// </remarks>
[Config(typeof(Config))]
public class SeedQueryBenchmarks
{
    private static readonly string[] Outputs =
    [
        "review.sentiment", "review.user.total_orders_placed", "review.user.total_product_inquiry_count",
        "review.user.unique_products_inquired_about", "review.user.average_rating_given", "review.user.review_count",
        "review.product.category_value", "review.product.average_rating", "review.product.total_reviews",
        "review.product.review_count[30d]", "review.product.review_count[90d]", "review.product.review_count[360d]",
        "review.product.most_recent_review_rating", "review.reviewer_name", "review.is_positive_review_online",
        "review.user.marketplace_username", "review.normalized_rating", "review.is_positive_review_from_rating",
        "review.is_positive_review_from_sentiment", "review.is_positive_review_from_llm",
    ];

    private const int Reviews = 200;

    private DuckDbSource _source = null!;
    private ChalkEngine _noStore = null!;
    private ChalkEngine _withStore = null!;
    private (ChalkEngine Engine, string Folder) _project;
    private (ChalkEngine Engine, string Folder) _projectOneThread;
    private (ChalkEngine Engine, string Folder) _projectStatements;
    private QueryOptions _allStored = null!;
    private readonly Dictionary<string, object?> _review = [];
    private long _next;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(20).WithIterationCount(400).WithLaunchCount(1)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove).WithGcForce(false));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _source = new DuckDbSource("Data Source=:memory:");
        var seed = MarketplaceSetup.SeedScriptAsync().GetAwaiter().GetResult();
        _source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = seed;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
        _noStore = MarketplaceSetup.Example(_source).WithoutOnlineStore().Build();
        _withStore = MarketplaceSetup.Example(_source).Build();
        _allStored = new QueryOptions();
        foreach (var path in Outputs.Select(o => o.Split('.')).Select(p => p[^2] + "." + p[^1]).Distinct())
            _allStored.Staleness[path] = TimeSpan.FromDays(30);
        foreach (var key in new[] { "review.user_id", "review.product_id" }) _allStored.Staleness[key] = TimeSpan.FromDays(30);
        for (long id = 1; id <= Reviews; id++)
        {
            Query(_withStore, id, null);
            Query(_withStore, id, _allStored);
        }
        _project = WarmProject(duckDbThreads: null);
        _projectOneThread = WarmProject(duckDbThreads: 1);
        _projectStatements = WarmProject(duckDbThreads: null, inMemoryRows: false);
        _withStore.FlushOnlineStoreAsync().GetAwaiter().GetResult();
        var warm = Query(_withStore, 1, _allStored);
        if (warm.Sources.Values.Any(s => s.Origin != FeatureOrigin.OnlineStore))
            throw new InvalidOperationException("a warm query computed something: " + string.Join(", ", warm.Sources.Where(s => s.Value.Origin != FeatureOrigin.OnlineStore).Select(s => s.Key)));
    }

    // The example's chalk.json in a temporary copy (seeded there on first use), every review queried once so the LLM
    // answers are cached.
    private (ChalkEngine, string) WarmProject(int? duckDbThreads, bool inMemoryRows = true)
    {
        var folder = MarketplaceSetup.CopyProject(duckDbThreads, inMemoryRows);
        var engine = Chalk.Projects.ChalkProject.Load(folder).BuildEngine();
        for (long id = 1; id <= Reviews; id++) Query(engine, id, null);
        engine.FlushOnlineStoreAsync().GetAwaiter().GetResult();
        return (engine, folder);
    }

    // The next of the warmed reviews, in turn.
    private Task<OnlineResult> NextAsync(ChalkEngine engine, QueryOptions? options = null)
    {
        _review["review.id"] = 1 + (_next++ % Reviews);
        return engine.QueryAsync(_review, Outputs, options);
    }

    private OnlineResult Query(ChalkEngine engine, long id, QueryOptions? options)
    {
        _review["review.id"] = id;
        return engine.QueryAsync(_review, Outputs, options).GetAwaiter().GetResult();
    }

    /// <summary>One query with the LLM answers cached, as <c>explain analyze</c> prints it.</summary>
    internal async Task<string> AnalyzeCachedAsync(long id)
    {
        _review["review.id"] = id;
        return await _withStore.ExplainAnalyzeAsync(_review, Outputs);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _noStore.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _withStore.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _project.Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _projectOneThread.Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _projectStatements.Engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_project.Folder, recursive: true);
        Directory.Delete(_projectOneThread.Folder, recursive: true);
        Directory.Delete(_projectStatements.Folder, recursive: true);
    }

    [Benchmark]
    public async Task<OnlineResult> FirstQueryAfterBuild()
    {
        await using var engine = MarketplaceSetup.Example(_source).WithoutOnlineStore().Build();
        _review["review.id"] = 241L;
        return await engine.QueryAsync(_review, Outputs);
    }

    [Benchmark(Baseline = true)]
    public Task<OnlineResult> WarmStoreEmpty() => NextAsync(_noStore);

    [Benchmark]
    public Task<OnlineResult> WarmLlmCached() => NextAsync(_withStore);

    [Benchmark]
    public Task<OnlineResult> ProjectLlmCached() => NextAsync(_project.Engine);

    [Benchmark]
    public Task<OnlineResult> ProjectOneThreadLlmCached() => NextAsync(_projectOneThread.Engine);

    [Benchmark]
    public Task<OnlineResult> ProjectStatementsLlmCached() => NextAsync(_projectStatements.Engine);

    [Benchmark]
    public Task<OnlineResult> WarmStoreFull() => NextAsync(_withStore, _allStored);
}
