using System.Collections.Concurrent;

namespace Chalk.Store;

/// <summary>The default online store: entries in this process's memory, bounded in count and size, lost on exit.</summary>
/// <remarks>
/// <para>Values are kept as the objects written (no encoding), so a read returns the very <see cref="DateTime"/>,
/// offset-carrying <see cref="DateTimeOffset"/> or string that was written. Reads take no lock and allocate only the
/// result list; writes take one lock per batch.</para>
/// <para>Keys: an <see cref="int"/> primary key is the same row as the <see cref="long"/> of the same number; a string
/// key is compared ordinal and whole (<c>"a\0b"</c> never finds <c>"a"</c>), and is never the same row as a number.</para>
/// <para>Bounds: when a write takes the store past <see cref="InMemoryOnlineStoreOptions.MaxEntries"/> or
/// <see cref="InMemoryOnlineStoreOptions.MaxBytes"/>, entries are evicted in approximately least-recently-read order
/// (CLOCK, second chance: an entry read since the eviction hand last passed it is skipped once). Entries past their
/// time to live go first. An entry larger than <see cref="InMemoryOnlineStoreOptions.MaxBytes"/> by itself is not kept.</para>
/// <para>Time to live: an entry written with <see cref="StoreWrite.TimeToLive"/> reads as a miss from that long after
/// the write (by <see cref="InMemoryOnlineStoreOptions.TimeProvider"/>) and is dropped when read or when the eviction
/// hand reaches it; a zero or negative time to live removes the entry.</para>
/// </remarks>
public sealed class InMemoryOnlineStore : IOnlineStore
{
    /// <summary>What an entry costs besides its strings: the entry object, the dictionary node, the ring slot and the
    /// boxed value.</summary>
    private const int EntryOverheadBytes = 128;

    private readonly ConcurrentDictionary<string, MemoryFeatureEntries> _features = new(StringComparer.Ordinal);
    private readonly ClockRing _ring = new();
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _time;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private int _count;
    private long _bytes;
    private volatile bool _disposed;

    /// <summary>Creates an empty store.</summary>
    /// <param name="options">Its bounds and clock; the defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is zero or negative.</exception>
    public InMemoryOnlineStore(InMemoryOnlineStoreOptions? options = null)
    {
        options ??= new InMemoryOnlineStoreOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxEntries, nameof(options) + "." + nameof(options.MaxEntries));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBytes, nameof(options) + "." + nameof(options.MaxBytes));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options) + "." + nameof(options.TimeProvider));
        _maxEntries = options.MaxEntries;
        _maxBytes = options.MaxBytes;
        _time = options.TimeProvider;
    }

    /// <inheritdoc/>
    public string Name => "memory";

    // Read under the write lock: a write batch adds its entries before evicting, so a reader without it could see a
    // count or size past the bounds that no completed write ever left.

    /// <summary>How many entries are kept, expired ones not yet dropped included; never more than the bound.</summary>
    public int Count
    {
        get
        {
            lock (_writeLock) return _count;
        }
    }

    /// <summary>An estimate of the memory the entries hold: per entry a fixed overhead plus two bytes per character of
    /// its feature name, string primary key and string value; never more than the bound.</summary>
    public long ByteSize
    {
        get
        {
            lock (_writeLock) return _bytes;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A primary key is not an integer or a string.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask<IReadOnlyList<StoredValue?>> ReadAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(_disposed, this);
        var results = new StoredValue?[keys.Count];
        long now = _time.GetUtcNow().UtcTicks;
        // Keys usually come in runs of one feature (many rows) or few features (many features of a row): the feature's
        // table is looked up again only when the feature changes.
        string? feature = null;
        MemoryFeatureEntries? table = null;
        for (int i = 0; i < results.Length; i++)
        {
            var key = keys[i];
            string keyFeature = key.Feature ?? throw new ArgumentException("a store key needs a feature name", nameof(keys));
            if (!ReferenceEquals(keyFeature, feature))
            {
                feature = keyFeature;
                _features.TryGetValue(feature, out table);
            }
            if (MemoryFeatureEntries.Find(table, feature, key.EntityKey) is not { } entry) continue;
            if (entry.ExpiresAtUtcTicks <= now)
            {
                Drop(entry);
                continue;
            }
            // Checking first keeps a hot entry's cache line shared between cores instead of written by every read.
            if (!entry.Referenced) entry.Referenced = true;
            results[i] = entry.Value;
        }
        return new ValueTask<IReadOnlyList<StoredValue?>>(results);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A primary key is not an integer or a string, or a value is not a feature value type.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        // Checked before the lock so that a bad key or value fails the batch before any of it is applied.
        for (int i = 0; i < writes.Count; i++) CheckWrite(writes[i]);
        long now = _time.GetUtcNow().UtcTicks;
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int i = 0; i < writes.Count; i++)
            {
                var entry = NewEntry(writes[i], now);
                if (entry.ExpiresAtUtcTicks <= now || entry.Bytes > _maxBytes)
                {
                    if (entry.Table.Find(entry.Number, entry.Text) is { } old) RemoveLocked(old);
                }
                else PutLocked(entry);
            }
            while (_count > _maxEntries || _bytes > _maxBytes) RemoveLocked(_ring.NextVictim(now));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Drops every entry; later reads and writes throw <see cref="ObjectDisposedException"/>.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_writeLock)
        {
            _disposed = true;
            _features.Clear();
            _ring.Clear();
            _count = 0;
            _bytes = 0;
        }
        return ValueTask.CompletedTask;
    }

    private static void CheckWrite(in StoreWrite write)
    {
        string feature = write.Key.Feature ?? throw new ArgumentException("a store key needs a feature name", "writes");
        MemoryFeatureEntries.Split(feature, write.Key.EntityKey);
        if (write.Value.Value is not (null or bool or int or long or float or double or string or DateTime or DateTimeOffset))
            throw new ArgumentException(
                $"a {write.Value.Value.GetType().Name} is not a feature value ({feature}); store bool, int, long, float, double, string, DateTime or DateTimeOffset", "writes");
    }

    /// <summary>The entry <paramref name="write"/> makes, its feature's table created if needed; under the write lock.</summary>
    private MemoryStoreEntry NewEntry(in StoreWrite write, long nowUtcTicks)
    {
        string feature = write.Key.Feature;
        var table = _features.GetOrAdd(feature, static f => new MemoryFeatureEntries(f));
        var (number, text) = MemoryFeatureEntries.Split(feature, write.Key.EntityKey);
        long valueChars = write.Value.Value is string s ? s.Length : 0;
        long bytes = EntryOverheadBytes + 2 * (feature.Length + (text?.Length ?? 0) + valueChars);
        return new MemoryStoreEntry(table, number, text, write.Value, ExpiresAt(write.TimeToLive, nowUtcTicks), bytes);
    }

    private static long ExpiresAt(TimeSpan? timeToLive, long nowUtcTicks)
    {
        if (timeToLive is not { } ttl) return long.MaxValue;
        if (ttl <= TimeSpan.Zero) return nowUtcTicks;
        return ttl.Ticks >= long.MaxValue - nowUtcTicks ? long.MaxValue : nowUtcTicks + ttl.Ticks;
    }

    private void PutLocked(MemoryStoreEntry entry)
    {
        if (entry.Table.Find(entry.Number, entry.Text) is { } old)
        {
            _ring.Replace(old, entry);
            _bytes += entry.Bytes - old.Bytes;
        }
        else
        {
            _ring.Add(entry);
            _bytes += entry.Bytes;
            _count++;
        }
        entry.Table.Set(entry);
    }

    private void RemoveLocked(MemoryStoreEntry entry)
    {
        entry.Table.Remove(entry);
        _ring.Remove(entry);
        _bytes -= entry.Bytes;
        _count--;
    }

    /// <summary>Removes an expired entry a reader met, unless a writer has replaced or removed it meanwhile.</summary>
    private void Drop(MemoryStoreEntry entry)
    {
        lock (_writeLock)
        {
            if (!_disposed && entry.Slot >= 0) RemoveLocked(entry);
        }
    }
}
