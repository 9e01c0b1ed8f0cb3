namespace Chalk;

/// <summary>Per-query settings of an online query: max staleness overrides and how the online store is used.</summary>
/// <example><code>
/// var options = new QueryOptions { Staleness = { ["user.fico_score"] = TimeSpan.FromMinutes(10) } };
/// var result = await engine.QueryAsync(inputs, outputs, options);
/// </code></example>
public sealed class QueryOptions
{
    /// <summary>Max staleness per feature (<c>class.feature</c>, e.g. <c>user.fico_score</c>), overriding
    /// <see cref="MaxStalenessAttribute"/> for this query. <see cref="TimeSpan.Zero"/> bypasses the store: the feature is
    /// computed by its resolver (and the fresh value written back when the feature has a staleness of its own);
    /// <see cref="Timeout.InfiniteTimeSpan"/> or <see cref="TimeSpan.MaxValue"/> accepts any stored value.</summary>
    public IDictionary<string, TimeSpan> Staleness { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>Throw <see cref="Store.ChalkStoreException"/> when the online store cannot be reached, instead of computing
    /// every feature from its resolver and reporting the store as unavailable (the default).</summary>
    public bool RequireOnlineStore { get; init; }

    /// <summary>Write the values this query computes for features with a max staleness back to the online store, in the
    /// background after the query answers (the default: true).</summary>
    public bool WriteBack { get; init; } = true;

    /// <summary>The default options: attribute staleness, store optional, write-back on.</summary>
    public static QueryOptions Default { get; } = new();
}
