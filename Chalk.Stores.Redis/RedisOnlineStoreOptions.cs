namespace Chalk.Store;

/// <summary>Where <see cref="RedisOnlineStore.ConnectAsync"/> finds Redis, what it names its keys, and how long it waits.</summary>
public sealed class RedisOnlineStoreOptions
{
    /// <summary>The prefix of every key when none is given: <c>chalk:</c>.</summary>
    public const string DefaultKeyPrefix = "chalk:";

    /// <summary>The longest a connect, read or write waits when none is given: one second.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or
    /// <c>redis.internal:6379,password=…,defaultDatabase=2</c>.</summary>
    /// <remarks>Its connect, sync and async timeouts, <c>abortConnect</c> and backlog policy are replaced by the store's
    /// own (see <see cref="Timeout"/>), so that a store whose Redis is down fails fast and reconnects by itself.</remarks>
    public required string Configuration { get; init; }

    /// <summary>What every key starts with, so that several engines, or other data, can share one Redis database.</summary>
    /// <remarks>Stores of several processes that use the same prefix share their entries; that is the point. The rest of a
    /// key is <see cref="StoredValueCodec.EncodeKey"/>'s, e.g. <c>chalk:user.total_orders|i:42</c>.</remarks>
    public string KeyPrefix { get; init; } = DefaultKeyPrefix;

    /// <summary>The longest a connect attempt, a read or a write waits for Redis before the store gives up on it.</summary>
    /// <remarks>Keep it short: the engine computes from resolvers when the store fails, so waiting longer only makes the
    /// query slower. While Redis is known to be down, operations fail at once without waiting at all.</remarks>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
}
