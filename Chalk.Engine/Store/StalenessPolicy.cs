using Chalk.Definitions;

namespace Chalk.Store;

/// <summary>The max staleness of each feature for one query: the feature's own (<see cref="MaxStalenessAttribute"/>)
/// unless the query overrides it (<see cref="QueryOptions.Staleness"/>).</summary>
internal sealed class StalenessPolicy
{
    private readonly Dictionary<FeatureDefinition, TimeSpan> _overrides;

    private StalenessPolicy(Dictionary<FeatureDefinition, TimeSpan> overrides, string signature)
    {
        _overrides = overrides;
        Signature = signature;
    }

    /// <summary>The features' own staleness, no overrides.</summary>
    public static StalenessPolicy Declared { get; } = new([], "");

    /// <summary>Identifies the overrides, for plan caching: empty without any.</summary>
    public string Signature { get; }

    /// <summary>The policy of <paramref name="options"/>, checking that each override names a scalar feature.</summary>
    /// <exception cref="ArgumentException">An override names no feature, a relation or a path, or is negative.</exception>
    public static StalenessPolicy For(QueryOptions? options, FeatureRegistry registry)
    {
        if (options is null || options.Staleness.Count == 0) return Declared;
        var overrides = new Dictionary<FeatureDefinition, TimeSpan>();
        foreach (var (name, value) in options.Staleness)
        {
            var path = string.IsNullOrWhiteSpace(name) ? null : registry.TryResolve(name, out _);
            if (path is null || path.Steps.Count != 1 || path.Feature.Kind != FeatureKind.Scalar)
                throw new ArgumentException($"QueryOptions.Staleness[\"{name}\"]: name a scalar feature as class.feature, e.g. user.total_orders (not a path through relations)", nameof(options));
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
                throw new ArgumentException($"QueryOptions.Staleness[\"{name}\"] is {value}; a max staleness is zero (bypass the store), positive, or Timeout.InfiniteTimeSpan", nameof(options));
            overrides[path.Feature] = value == Timeout.InfiniteTimeSpan ? Staleness.Infinite : value;
        }
        var signature = string.Join(",", overrides.Select(o => o.Key.Path + "=" + o.Value.Ticks).Order(StringComparer.Ordinal));
        return new StalenessPolicy(overrides, signature);
    }

    /// <summary>How old a stored value of <paramref name="f"/> may be to be served by this query; zero: not read.</summary>
    public TimeSpan ReadStaleness(FeatureDefinition f) => _overrides.TryGetValue(f, out var o) ? o : f.MaxStaleness ?? TimeSpan.Zero;

    /// <summary>Whether this query reads <paramref name="f"/> from the store or writes it there.</summary>
    public bool Cached(FeatureDefinition f) => ReadStaleness(f) > TimeSpan.Zero || f.MaxStaleness > TimeSpan.Zero;

    /// <summary>How long the store may keep a value of <paramref name="f"/> written by this query: the longer of its
    /// own staleness and this query's; null when that is infinite.</summary>
    public TimeSpan? TimeToLive(FeatureDefinition f)
    {
        var longest = ReadStaleness(f) > (f.MaxStaleness ?? TimeSpan.Zero) ? ReadStaleness(f) : f.MaxStaleness ?? TimeSpan.Zero;
        return longest == Staleness.Infinite ? null : longest;
    }

    /// <summary>Whether a value computed at <paramref name="computedAt"/> may be served at <paramref name="now"/>.</summary>
    public bool Fresh(FeatureDefinition f, DateTimeOffset computedAt, DateTimeOffset now)
    {
        var limit = ReadStaleness(f);
        if (limit <= TimeSpan.Zero) return false;
        return limit == Staleness.Infinite || now - computedAt <= limit;
    }
}
