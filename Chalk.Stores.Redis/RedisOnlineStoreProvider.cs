using Chalk.Definitions;

[assembly: Chalk.ChalkProvider(typeof(Chalk.Store.RedisOnlineStoreProvider))]

namespace Chalk.Store;

/// <summary>The <c>redis</c> online store kind: <c>configuration</c> (required, a StackExchange.Redis configuration string
/// such as <c>127.0.0.1:6379</c>); optional <c>keyPrefix</c> (default <c>chalk:</c>) and <c>timeout</c> (a whole number with
/// <c>ms</c> or <c>s</c>, e.g. <c>"250ms"</c>; default <c>1s</c>).</summary>
/// <remarks>A Redis that is down is not an error: the store connects when it comes up.</remarks>
public sealed class RedisOnlineStoreProvider : OnlineStoreProvider
{
    // Waiting longer than this for Redis is a mistake: the engine computes from resolvers when the store fails.
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromDays(1);

    /// <inheritdoc/>
    public override string Kind => "redis";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = ["configuration", "keyPrefix", "timeout"];

    /// <inheritdoc/>
    public override void Validate(OnlineStoreDeclaration store) => Options(store);

    /// <inheritdoc/>
    public override IOnlineStore? Create(OnlineStoreDeclaration store)
    {
        var options = Options(store);
        try
        {
            return RedisOnlineStore.Connect(options);
        }
        catch (ArgumentException ex)
        {
            throw BadConfiguration(store, ex);
        }
    }

    /// <inheritdoc/>
    public override async Task<IOnlineStore?> CreateAsync(OnlineStoreDeclaration store, CancellationToken cancellationToken = default)
    {
        var options = Options(store);
        try
        {
            return await RedisOnlineStore.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw BadConfiguration(store, ex);
        }
    }

    private static RedisOnlineStoreOptions Options(OnlineStoreDeclaration store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new RedisOnlineStoreOptions
        {
            Configuration = store.Required("configuration", "\"configuration\": \"127.0.0.1:6379\""),
            KeyPrefix = store.Optional("keyPrefix") ?? RedisOnlineStoreOptions.DefaultKeyPrefix,
            Timeout = store.Optional("timeout") is { } timeout ? ParseTimeout(store, timeout) : RedisOnlineStoreOptions.DefaultTimeout,
        };
    }

    // The options were checked, so what the client refuses is the configuration string.
    private static ChalkDefinitionException BadConfiguration(OnlineStoreDeclaration store, ArgumentException ex)
        => store.Error($"setting 'configuration': {ex.Message}", ex);

    // Milliseconds or seconds only: a store timeout in minutes or more is a mistake.
    private static TimeSpan ParseTimeout(OnlineStoreDeclaration store, string text)
    {
        if (text.EndsWith('s') && Staleness.ParseDuration(text, out _) is { } timeout && timeout <= s_maxTimeout) return timeout;
        throw store.Error($"setting 'timeout' must be a positive whole number with ms or s, at most a day, e.g. \"250ms\" or \"1s\", not '{text}'");
    }
}
