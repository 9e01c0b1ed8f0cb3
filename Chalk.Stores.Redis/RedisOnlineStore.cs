using System.Text;
using StackExchange.Redis;

namespace Chalk.Store;

/// <summary>An online store in Redis, through StackExchange.Redis: each entry is a Redis string under
/// <c>prefix + feature|key</c>, holding <see cref="StoredValueCodec"/>'s bytes, with the write's time to live as its expiry.</summary>
/// <remarks>
/// <para>A read is one <c>MGET</c> of all its keys; a write is one pipelined batch of <c>SET … PX</c>, one per entry.
/// Keys depend only on the prefix, the feature and the primary key, so every process that points at the same Redis
/// with the same prefix shares the entries. An entry that does not decode (another format, another program's data,
/// another Redis type) reads as a miss.</para>
/// <para>When Redis cannot be reached, operations fail at once, or within the timeout, with a
/// <see cref="ChalkStoreException"/> rather than queueing: the engine then computes from resolvers. The connection
/// keeps trying in the background, and the same store works again once Redis is back.</para>
/// <para>Thread-safe; one store serves any number of concurrent queries over one multiplexed connection.</para>
/// </remarks>
public sealed class RedisOnlineStore : IOnlineStore
{
    // Past this, reconnect attempts while Redis is down are spaced no further apart: it bounds how long a store
    // keeps failing after Redis has come back.
    private const int MaxReconnectBackOffMilliseconds = 2_000;
    private const int MinHeartbeatMilliseconds = 100;
    private const int MaxHeartbeatMilliseconds = 1_000;

    private readonly IConnectionMultiplexer _connection;
    private readonly IDatabase _database;
    private readonly byte[] _keyPrefix;
    private readonly bool _ownsConnection;
    private readonly string _endpoints;
    private int _disposed;

    /// <summary>A store over a connection the caller made and keeps: disposing the store leaves it open.</summary>
    /// <param name="connection">The connection. Its own timeouts and backlog policy apply; for a store that fails fast
    /// while Redis is down, configure it as <see cref="ConnectAsync"/> does (<c>abortConnect=false</c>, short timeouts,
    /// <see cref="BacklogPolicy.FailFast"/>).</param>
    /// <param name="keyPrefix">What every key starts with.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> or <paramref name="keyPrefix"/> is null.</exception>
    public RedisOnlineStore(IConnectionMultiplexer connection, string keyPrefix = RedisOnlineStoreOptions.DefaultKeyPrefix)
        : this(connection, keyPrefix, ownsConnection: false)
    {
    }

    private RedisOnlineStore(IConnectionMultiplexer connection, string keyPrefix, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _connection = connection;
        _database = connection.GetDatabase();
        _keyPrefix = Encoding.UTF8.GetBytes(keyPrefix);
        _ownsConnection = ownsConnection;
        _endpoints = string.Join(",", connection.GetEndPoints(configuredOnly: true).Select(EndPointCollection.ToString));
        KeyPrefix = keyPrefix;
    }

    /// <summary>Connects to the Redis that <paramref name="options"/> names.</summary>
    /// <remarks>Succeeds while Redis is down: the connection is then made in the background, and operations fail with
    /// <see cref="ChalkStoreException"/> until it is. Disposing the store closes the connection.</remarks>
    /// <param name="options">Where Redis is, the key prefix and the timeout.</param>
    /// <param name="cancellationToken">Stops waiting for the first connection attempt.</param>
    /// <exception cref="ArgumentException">The configuration string is empty, does not parse or names no endpoint, or the timeout is not positive.</exception>
    /// <exception cref="ChalkStoreException">The client could not be set up.</exception>
    public static async Task<RedisOnlineStore> ConnectAsync(RedisOnlineStoreOptions options, CancellationToken cancellationToken = default)
    {
        var configuration = ClientConfiguration(options);
        cancellationToken.ThrowIfCancellationRequested();
        var connecting = ConnectionMultiplexer.ConnectAsync(configuration);
        ConnectionMultiplexer connection;
        try
        {
            connection = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = connecting.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw SetupFailed(configuration, ex);
        }
        return new RedisOnlineStore(connection, options.KeyPrefix, ownsConnection: true);
    }

    /// <summary>Connects to the Redis that <paramref name="options"/> names, blocking for the first attempt (at most
    /// the timeout); for callers that cannot await, such as a synchronous engine build.</summary>
    /// <remarks>Succeeds while Redis is down, as <see cref="ConnectAsync"/> does.</remarks>
    /// <param name="options">Where Redis is, the key prefix and the timeout.</param>
    /// <exception cref="ArgumentException">The configuration string is empty, does not parse or names no endpoint, or the timeout is not positive.</exception>
    /// <exception cref="ChalkStoreException">The client could not be set up.</exception>
    public static RedisOnlineStore Connect(RedisOnlineStoreOptions options)
    {
        var configuration = ClientConfiguration(options);
        ConnectionMultiplexer connection;
        try
        {
            connection = ConnectionMultiplexer.Connect(configuration);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw SetupFailed(configuration, ex);
        }
        return new RedisOnlineStore(connection, options.KeyPrefix, ownsConnection: true);
    }

    private static ChalkStoreException SetupFailed(ConfigurationOptions configuration, Exception ex)
    {
        var endpoints = string.Join(",", configuration.EndPoints.Select(EndPointCollection.ToString));
        return new ChalkStoreException($"redis {endpoints}: cannot set up the connection ({ex.Message}); check the configuration string", ex);
    }

    /// <summary><c>redis</c> and the endpoint(s), e.g. <c>redis 127.0.0.1:6379</c>.</summary>
    public string Name => "redis " + _endpoints;

    /// <summary>What every key starts with.</summary>
    public string KeyPrefix { get; }

    /// <summary>The Redis key of an entry: <see cref="KeyPrefix"/>, then <see cref="StoredValueCodec.EncodeKey"/>'s bytes.</summary>
    /// <exception cref="ArgumentException">The primary key is not an integer or a string.</exception>
    public byte[] RedisKeyOf(StoreKey key)
    {
        var encoded = StoredValueCodec.EncodeKey(key);
        var bytes = new byte[_keyPrefix.Length + encoded.Length];
        _keyPrefix.CopyTo(bytes, 0);
        encoded.CopyTo(bytes, _keyPrefix.Length);
        return bytes;
    }

    /// <inheritdoc/>
    /// <remarks>One <c>MGET</c>; no round trip for no keys.</remarks>
    public async ValueTask<IReadOnlyList<StoredValue?>> ReadAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (keys.Count == 0) return [];
        var redisKeys = new RedisKey[keys.Count];
        for (int i = 0; i < redisKeys.Length; i++) redisKeys[i] = RedisKeyOf(keys[i]);

        RedisValue[] values;
        try
        {
            var get = _database.StringGetAsync(redisKeys);
            await AwaitAsync(get, cancellationToken).ConfigureAwait(false);
            values = await get.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw Failure("read", ex);
        }

        var result = new StoredValue?[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i].IsNull) continue;
            result[i] = StoredValueCodec.TryDecode(((ReadOnlyMemory<byte>)values[i]).Span);
        }
        return result;
    }

    /// <inheritdoc/>
    /// <remarks>One pipelined batch of <c>SET</c>s, each expiring after its <see cref="StoreWrite.TimeToLive"/> (never when
    /// that is null). An entry whose time to live is zero or negative could never be served: its key is deleted instead,
    /// so what was stored under it is gone too, as in every store. Entries are written independently: a write that fails part way may have
    /// stored some of them.</remarks>
    public async ValueTask WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        // Encoding first, so that a value that is not a feature value throws before anything is sent.
        var entries = new List<(RedisKey Key, RedisValue Value, TimeSpan? Expiry)>(writes.Count);
        foreach (var write in writes)
        {
            bool expired = write.TimeToLive is { } ttl && ttl <= TimeSpan.Zero;
            entries.Add((RedisKeyOf(write.Key), expired ? RedisValue.Null : (RedisValue)StoredValueCodec.Encode(write.Value), expired ? null : ExpiryOf(write.TimeToLive)));
        }
        if (entries.Count == 0) return;

        try
        {
            var batch = _database.CreateBatch();
            var sets = new Task[entries.Count];
            for (int i = 0; i < sets.Length; i++)
                sets[i] = entries[i].Value.IsNull ? batch.KeyDeleteAsync(entries[i].Key) : batch.StringSetAsync(entries[i].Key, entries[i].Value, entries[i].Expiry, When.Always);
            batch.Execute();
            await AwaitAsync(Task.WhenAll(sets), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw Failure("write", ex);
        }
    }

    /// <summary>Closes the connection if <see cref="ConnectAsync"/> made it; a caller's connection stays open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_ownsConnection) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private static ConfigurationOptions ClientConfiguration(RedisOnlineStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Configuration, nameof(options));
        ArgumentNullException.ThrowIfNull(options.KeyPrefix, nameof(options));
        if (options.Timeout <= TimeSpan.Zero || options.Timeout.TotalMilliseconds > int.MaxValue)
            throw new ArgumentException($"RedisOnlineStoreOptions.Timeout must be positive and under 24 days, not {options.Timeout}", nameof(options));

        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException ex)
        {
            // The string may hold a password, so it is not repeated here.
            throw new ArgumentException($"RedisOnlineStoreOptions.Configuration is not a StackExchange.Redis configuration string such as 127.0.0.1:6379: {ex.Message}", nameof(options), ex);
        }
        if (configuration.EndPoints.Count == 0)
            throw new ArgumentException("RedisOnlineStoreOptions.Configuration names no endpoint; start it with host:port, e.g. 127.0.0.1:6379", nameof(options));

        int timeout = (int)Math.Ceiling(options.Timeout.TotalMilliseconds);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectRetry = 1;
        // The client notices a command past its timeout only at a heartbeat (every second by default), so a one-second
        // timeout would fail after up to two; beating four times per timeout keeps the overshoot to a quarter.
        configuration.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(timeout / 4, MinHeartbeatMilliseconds, MaxHeartbeatMilliseconds));
        configuration.ReconnectRetryPolicy = new ExponentialRetry(Math.Min(timeout, MaxReconnectBackOffMilliseconds), MaxReconnectBackOffMilliseconds);
        return configuration;
    }

    // Redis takes whole milliseconds; a positive time to live under one must still expire, not be refused.
    private static TimeSpan? ExpiryOf(TimeSpan? timeToLive) =>
        timeToLive is { } ttl && ttl < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : timeToLive;

    private static async Task AwaitAsync(Task task, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            await task.ConfigureAwait(false);
            return;
        }
        try
        {
            await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Observe(task);
            throw;
        }
    }

    // A command abandoned by its caller may still fail later; its exception is nobody's news.
    private static void Observe(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private ChalkStoreException Failure(string operation, Exception ex) => ex switch
    {
        RedisServerException => new ChalkStoreException($"{Name} refused the {operation}: {ex.Message}", ex),
        TimeoutException => new ChalkStoreException($"{Name}: the {operation} got no answer in time from Redis at {_endpoints} ({ex.Message}); check that redis-server is running there and not overloaded", ex),
        _ => new ChalkStoreException($"{Name}: the {operation} failed because Redis at {_endpoints} cannot be reached ({ex.Message}); check that redis-server is running there and reachable", ex),
    };
}
