namespace Chalk.Benchmarks.Store;

/// <summary>Checks that a benchmark's warm query is what it claims to be: answered by the online store alone.</summary>
internal static class StoreWarmth
{
    /// <summary>Throws unless every requested feature of <paramref name="result"/> came from the store, with no miss and
    /// no error, so that a benchmark cannot silently measure resolvers instead of the store.</summary>
    /// <param name="result">A warm query's answer.</param>
    /// <param name="storedFeatures">How many store hits the query needs: its outputs and the stored keys that lead to them.</param>
    /// <param name="query">The query, for the message.</param>
    /// <exception cref="InvalidOperationException">A feature was computed, missed or failed.</exception>
    public static void RequireServedFromStore(OnlineResult result, int storedFeatures, string query)
    {
        var computed = result.Sources.Where(s => s.Value.Origin != FeatureOrigin.OnlineStore).Select(s => $"{s.Key} ({s.Value})").ToList();
        if (result.Errors.Count > 0 || computed.Count > 0 || result.Store.State != OnlineStoreState.Available
            || result.Store.Misses > 0 || result.Store.Hits != storedFeatures)
        {
            throw new InvalidOperationException(
                $"{query} is not answered from the online store alone ({result.Store}; expected {storedFeatures} hits); "
                + $"not from the store: {(computed.Count == 0 ? "none" : string.Join(", ", computed))}; "
                + $"errors: {(result.Errors.Count == 0 ? "none" : string.Join("; ", result.Errors.Select(e => e.Feature + ": " + e.Message)))}");
        }
    }
}
