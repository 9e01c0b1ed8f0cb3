using Chalk.Benchmarks.Support;
using Chalk.Examples.Marketplace;
using Chalk.Sql.Sources;
using Chalk.Store;

namespace Chalk.Benchmarks.Store;

/// <summary>The marketplace's wide review query (<c>OnlineQueryBenchmarks.ReviewWide</c>) made cacheable by staleness
/// overrides, engines over the seeded example with a chosen online store, and warming a store for a set of reviews.</summary>
/// <remarks>The example's own features carry no staleness that the benchmarks rely on: the overrides make the eight
/// outputs, the features they are computed from, and the foreign keys that lead to the user, product and seller rows
/// cacheable for 30 days, so that a warm query is answered by the store alone, in three rounds of reads (review;
/// user and product; seller).</remarks>
internal static class MarketplaceStoreSetup
{
    /// <summary>How many reviews are warmed; queries cycle over reviews 1 to this.</summary>
    public const int WarmReviews = 2000;

    /// <summary>The wide query's outputs: three has-one hops, a has-many aggregate and per-row C# resolvers.</summary>
    public static readonly string[] WideOutputs =
    [
        "review.normalized_rating", "review.user.display_name", "review.product.average_rating", "review.sentiment_score",
        "review.product.seller.name", "review.is_positive", "review.user.marketplace_username", "review.product.seller.is_top_rated",
    ];

    /// <summary>Every feature a warm wide query reads from the store: the eight outputs at their own rows and the three
    /// foreign keys that lead to those rows.</summary>
    public static readonly string[] StoredFeatures =
    [
        "review.normalized_rating", "review.sentiment_score", "review.is_positive", "review.user_id", "review.product_id",
        "user.display_name", "user.marketplace_username", "product.average_rating", "product.seller_id",
        "seller.name", "seller.is_top_rated",
    ];

    /// <summary>The overrides that make <see cref="StoredFeatures"/> cacheable; one instance serves every query.</summary>
    public static QueryOptions WideOptions { get; } = CreateOptions();

    /// <summary>The marketplace seeded into an in-memory DuckDB, with <paramref name="store"/> (not owned) or, when null, no online store.</summary>
    public static async Task<ChalkEngine> BuildEngineAsync(IOnlineStore? store)
    {
        // As MarketplaceSetup.BuildEngineAsync, with the store chosen here.
        var source = new DuckDbSource("Data Source=:memory:");
        var seed = await MarketplaceSetup.SeedScriptAsync();
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = seed;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        var builder = MarketplaceSetup.Example(source, disposeWithEngine: true);
        return (store is null ? builder.WithoutOnlineStore() : builder.WithOnlineStore(store, disposeWithEngine: false)).Build();
    }

    /// <summary>The wide query for review <paramref name="id"/>.</summary>
    public static Task<OnlineResult> QueryWideAsync(ChalkEngine engine, Dictionary<string, object?> inputs, long id)
    {
        inputs["review.id"] = id;
        return engine.QueryAsync(inputs, WideOutputs, WideOptions);
    }

    /// <summary>Runs the wide query once for each of the <see cref="WarmReviews"/> reviews (computing and writing back),
    /// waits for the writes, then runs each again and throws unless it is answered by the store alone.</summary>
    public static async Task WarmAsync(ChalkEngine engine)
    {
        var inputs = new Dictionary<string, object?>();
        for (long id = 1; id <= WarmReviews; id++) await QueryWideAsync(engine, inputs, id);
        await engine.FlushOnlineStoreAsync();
        for (long id = 1; id <= WarmReviews; id++)
            StoreWarmth.RequireServedFromStore(await QueryWideAsync(engine, inputs, id), StoredFeatures.Length, $"the wide query of review {id} on {engine.OnlineStore!.Name}");
    }

    private static QueryOptions CreateOptions()
    {
        var options = new QueryOptions();
        foreach (var feature in StoredFeatures) options.Staleness[feature] = TimeSpan.FromDays(30);
        return options;
    }
}
