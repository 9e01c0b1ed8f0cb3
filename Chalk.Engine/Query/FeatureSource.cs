namespace Chalk;

/// <summary>Where a feature's value in an online result came from.</summary>
public enum FeatureOrigin
{
    /// <summary>It was given as an input (inputs override the store and resolvers).</summary>
    Input,
    /// <summary>It was read from the online store, within its max staleness.</summary>
    OnlineStore,
    /// <summary>A resolver computed it for this query.</summary>
    Resolver,
}

/// <summary>Where one feature's value came from and, for a stored value, how old it is.</summary>
/// <param name="Origin">Input, online store or resolver.</param>
/// <param name="ComputedAt">When the value was computed: the query's time for a resolver, the stored time for the store; null for an input.</param>
/// <param name="Age">For a stored value, how old it was when served; zero for a resolver; null for an input.</param>
public sealed record FeatureSource(FeatureOrigin Origin, DateTimeOffset? ComputedAt, TimeSpan? Age)
{
    /// <summary>E.g. <c>online store (age 00:03:12)</c>, <c>resolver</c>, <c>input</c>.</summary>
    public override string ToString() => Origin switch
    {
        FeatureOrigin.OnlineStore => $"online store (age {Age:c})",
        FeatureOrigin.Resolver => "resolver",
        _ => "input",
    };
}

/// <summary>How an online query used the online store.</summary>
public enum OnlineStoreState
{
    /// <summary>The engine has no online store.</summary>
    None,
    /// <summary>The query reads no feature with a max staleness, so the store was not asked.</summary>
    NotRead,
    /// <summary>The store answered.</summary>
    Available,
    /// <summary>The store could not be reached; every feature was computed by its resolver (see <see cref="OnlineStoreStatus.Error"/>).</summary>
    Unavailable,
}

/// <summary>How an online query used the online store: whether it answered, and how many features it served.</summary>
/// <param name="State">None, not read, available or unavailable.</param>
/// <param name="Name">The store's name, e.g. <c>redis 127.0.0.1:6379</c>; null when there is none.</param>
/// <param name="Hits">How many features (requested or intermediate) were served from the store.</param>
/// <param name="Misses">How many were looked up and not found, too old, or unreadable, and so computed.</param>
/// <param name="Error">Why the store was unavailable; null otherwise.</param>
public sealed record OnlineStoreStatus(OnlineStoreState State, string? Name, int Hits, int Misses, string? Error)
{
    internal static readonly OnlineStoreStatus NoStore = new(OnlineStoreState.None, null, 0, 0, null);

    /// <summary>E.g. <c>memory: 4 hits, 2 misses</c> or <c>redis 127.0.0.1:6379 unavailable: …</c>.</summary>
    public override string ToString() => State switch
    {
        OnlineStoreState.None => "no online store",
        OnlineStoreState.NotRead => $"{Name}: not read",
        OnlineStoreState.Available => $"{Name}: {Hits} hit{(Hits == 1 ? "" : "s")}, {Misses} miss{(Misses == 1 ? "" : "es")}",
        _ => $"{Name} unavailable: {Error}",
    };
}
