using Chalk.Definitions;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Chalk.Store;

/// <summary>Creates the online store that a project's <c>chalk.json</c> declares under <c>"onlineStore"</c>.</summary>
/// <remarks>
/// Settings per kind (keys are case-sensitive; values are strings or numbers, <c>${ENV_VAR}</c> references expanded
/// before <see cref="Create"/>):
/// <list type="table">
/// <item><term><c>memory</c></term><description>optional <c>maxEntries</c> (a whole number) and <c>maxBytes</c> (a whole
/// number of bytes, or with <c>KiB</c>, <c>MiB</c> or <c>GiB</c>, e.g. <c>"64MiB"</c>); see <see cref="InMemoryOnlineStoreOptions"/>.</description></item>
/// <item><term><c>sqlite</c></term><description><c>path</c> (required, relative to the project folder; the folder must exist).</description></item>
/// <item><term><c>redis</c></term><description><c>configuration</c> (required, a StackExchange.Redis configuration
/// string such as <c>127.0.0.1:6379</c>); optional <c>keyPrefix</c> (default <c>chalk:</c>) and <c>timeout</c> (a whole
/// number with <c>ms</c> or <c>s</c>, e.g. <c>"250ms"</c>; default <c>1s</c>).</description></item>
/// <item><term><c>none</c></term><description>no store: every feature is computed by its resolver. No settings.</description></item>
/// </list>
/// </remarks>
public static partial class OnlineStoreFactory
{
    /// <summary>The kinds <see cref="Create"/> understands.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["memory", "sqlite", "redis", "none"];

    // Waiting longer than this for Redis is a mistake: the engine computes from resolvers when the store fails.
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromDays(1);

    private static readonly Dictionary<string, string[]> s_keys = new(StringComparer.Ordinal)
    {
        ["memory"] = ["maxEntries", "maxBytes"],
        ["sqlite"] = ["path"],
        ["redis"] = ["configuration", "keyPrefix", "timeout"],
        ["none"] = [],
    };

    /// <summary>Creates the store of <paramref name="kind"/>; for Redis, blocks for the first connection attempt (at most its timeout).</summary>
    /// <param name="kind">One of <see cref="Kinds"/>, any case.</param>
    /// <param name="settings">The kind's settings, already free of <c>${ENV}</c> references.</param>
    /// <param name="baseDirectory">The folder a relative SQLite path is resolved against.</param>
    /// <param name="timeProvider">The clock entries age by (memory and SQLite); <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The store, or null for <c>none</c>.</returns>
    /// <exception cref="ChalkDefinitionException">The kind is unknown, or a setting is unknown, missing or malformed;
    /// the message names the setting.</exception>
    /// <exception cref="ChalkStoreException">The SQLite file cannot be opened or the Redis client cannot be set up.
    /// A Redis that is down is not an error: the store connects when it comes up.</exception>
    public static IOnlineStore? Create(string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory, TimeProvider? timeProvider = null)
    {
        var spec = Parse(kind, settings, baseDirectory);
        if (spec.Redis is not { } redis) return Open(spec, timeProvider);
        try
        {
            return RedisOnlineStore.Connect(redis);
        }
        catch (ArgumentException ex)
        {
            throw BadRedisConfiguration(ex);
        }
    }

    /// <summary>Creates the store of <paramref name="kind"/>, awaiting Redis's first connection attempt.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>, any case.</param>
    /// <param name="settings">The kind's settings, already free of <c>${ENV}</c> references.</param>
    /// <param name="baseDirectory">The folder a relative SQLite path is resolved against.</param>
    /// <param name="timeProvider">The clock entries age by (memory and SQLite); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting for Redis.</param>
    /// <inheritdoc cref="Create" path="/returns"/>
    /// <inheritdoc cref="Create" path="/exception"/>
    public static async Task<IOnlineStore?> CreateAsync(string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var spec = Parse(kind, settings, baseDirectory);
        if (spec.Redis is not { } redis) return Open(spec, timeProvider);
        try
        {
            return await RedisOnlineStore.ConnectAsync(redis, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw BadRedisConfiguration(ex);
        }
    }

    /// <summary>What the settings describe, checked, without opening anything.</summary>
    /// <exception cref="ChalkDefinitionException">The kind is unknown, or a setting is unknown, missing or malformed.</exception>
    internal static OnlineStoreSpec Parse(string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var k = CheckKind(kind);
        var keys = s_keys[k];
        foreach (var key in settings.Keys.Where(key => !keys.Contains(key, StringComparer.Ordinal)))
        {
            var valid = keys.Length == 0 ? "it takes no settings" : $"its settings are {string.Join(", ", keys)}";
            var near = Suggest.Nearest(key, keys);
            throw new ChalkDefinitionException($"\"onlineStore\": unknown setting '{key}' for kind '{k}'{(near is null ? "" : $" (did you mean '{near}'?)")}; {valid}");
        }
        switch (k)
        {
            case "memory":
                var defaults = new InMemoryOnlineStoreOptions();
                return new OnlineStoreSpec(k, new InMemoryOnlineStoreOptions
                {
                    MaxEntries = settings.TryGetValue("maxEntries", out var entries) ? (int)WholeNumber("maxEntries", entries, int.MaxValue) : defaults.MaxEntries,
                    MaxBytes = settings.TryGetValue("maxBytes", out var bytes) ? ByteCount(bytes) : defaults.MaxBytes,
                }, null, null);
            case "sqlite":
                var path = Required(k, settings, "path");
                try
                {
                    return new OnlineStoreSpec(k, null, Path.GetFullPath(Path.Combine(baseDirectory, path)), null);
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    throw new ChalkDefinitionException($"\"onlineStore\": setting 'path' is not a usable file path: {ex.Message}", inner: ex);
                }
            case "redis":
                return new OnlineStoreSpec(k, null, null, new RedisOnlineStoreOptions
                {
                    Configuration = Required(k, settings, "configuration"),
                    KeyPrefix = settings.TryGetValue("keyPrefix", out var prefix) ? prefix : RedisOnlineStoreOptions.DefaultKeyPrefix,
                    Timeout = settings.TryGetValue("timeout", out var timeout) ? ParseTimeout(timeout) : RedisOnlineStoreOptions.DefaultTimeout,
                });
            default:
                return new OnlineStoreSpec(k, null, null, null);
        }
    }

    // The options were checked, so what the client refuses is the configuration string.
    private static ChalkDefinitionException BadRedisConfiguration(ArgumentException ex)
        => new($"\"onlineStore\": setting 'configuration': {ex.Message}", inner: ex);

    /// <summary>The kind in lower case.</summary>
    /// <exception cref="ChalkDefinitionException">It is not one of <see cref="Kinds"/>; the message lists them.</exception>
    internal static string CheckKind(string kind)
    {
        var k = kind.ToLowerInvariant();
        if (s_keys.ContainsKey(k)) return k;
        var near = Suggest.Nearest(k, Kinds);
        throw new ChalkDefinitionException($"\"onlineStore\": unknown kind '{kind}'{(near is null ? "" : $"; did you mean '{near}'?")}; the kinds are {string.Join(", ", Kinds)}");
    }

    private static IOnlineStore? Open(OnlineStoreSpec spec, TimeProvider? timeProvider)
    {
        if (spec.Memory is { } memory)
            return new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { MaxEntries = memory.MaxEntries, MaxBytes = memory.MaxBytes, TimeProvider = timeProvider ?? TimeProvider.System });
        return spec.SqlitePath is { } path ? new SqliteOnlineStore(path, timeProvider) : null;
    }

    private static string Required(string kind, IReadOnlyDictionary<string, string> settings, string key)
        => settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v)
            ? v
            : throw new ChalkDefinitionException($"\"onlineStore\" of kind '{kind}' needs setting '{key}'{Example(key)}");

    private static string Example(string key) => key switch
    {
        "path" => ", e.g. \"path\": \"online-store.db\"",
        "configuration" => ", e.g. \"configuration\": \"127.0.0.1:6379\"",
        _ => "",
    };

    private static long WholeNumber(string key, string text, long max)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max) return n;
        throw new ChalkDefinitionException($"\"onlineStore\": setting '{key}' must be a positive whole number up to {max}, not '{text}'");
    }

    private static long ByteCount(string text)
    {
        var match = ByteCountPattern().Match(text);
        long unit = match.Groups["unit"].Value switch { "KiB" => 1L << 10, "MiB" => 1L << 20, "GiB" => 1L << 30, _ => 1 };
        if (match.Success && long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= long.MaxValue / unit)
            return n * unit;
        throw new ChalkDefinitionException($"\"onlineStore\": setting 'maxBytes' must be a positive whole number of bytes, or one with KiB, MiB or GiB (e.g. \"64MiB\"), not '{text}'");
    }

    // Milliseconds or seconds only: a store timeout in minutes or more is a mistake.
    private static TimeSpan ParseTimeout(string text)
    {
        if (text.EndsWith('s') && Staleness.ParseDuration(text, out _) is { } timeout && timeout <= s_maxTimeout) return timeout;
        throw new ChalkDefinitionException($"\"onlineStore\": setting 'timeout' must be a positive whole number with ms or s, at most a day, e.g. \"250ms\" or \"1s\", not '{text}'");
    }

    [GeneratedRegex(@"^(?<n>[0-9]+)(?<unit>KiB|MiB|GiB)?$")]
    private static partial Regex ByteCountPattern();
}

/// <summary>An online store as its settings describe it: exactly one of the options is set, or none for kind <c>none</c>.</summary>
/// <param name="Kind">The kind, lower case.</param>
/// <param name="Memory">The memory store's bounds.</param>
/// <param name="SqlitePath">The SQLite file's full path.</param>
/// <param name="Redis">Where Redis is.</param>
internal sealed record OnlineStoreSpec(string Kind, InMemoryOnlineStoreOptions? Memory, string? SqlitePath, RedisOnlineStoreOptions? Redis);
