using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Chalk.Store;

/// <summary>An online store in one SQLite file: it survives restarts of the process that owns it.</summary>
/// <remarks>
/// <para>One table, <c>online_store(feature TEXT, entity BLOB, value BLOB, expires_at INTEGER NULL)</c> keyed by
/// (feature, entity), in WAL journal mode with <c>synchronous=NORMAL</c>: a process crash loses nothing committed, a
/// power loss at most the last writes. The entity is <c>i:123</c> for an integer primary key (an <see cref="int"/> and
/// the <see cref="long"/> of the same number are one row) or <c>s:text</c> for a string one, UTF-8, NUL included; the
/// value is <see cref="StoredValueCodec"/>'s bytes; <c>expires_at</c> is the UTC ticks from which the entry is a miss.</para>
/// <para>Meant for one process: readers run concurrently on pooled connections, each read of many keys in one read
/// transaction; writes go through one connection, each batch one transaction of upserts. Other processes may read the
/// file (e.g. the <c>sqlite3</c> shell) but should not write it.</para>
/// <para>An entry past its time to live, or whose bytes do not decode, reads as a miss. Expired rows are deleted by the
/// first write after each <see cref="PurgeInterval"/>, so the file does not grow with dead entries.</para>
/// </remarks>
public sealed partial class SqliteOnlineStore : IOnlineStore
{
    internal const string TableName = "online_store";

    /// <summary>How often a write also deletes the rows past their time to live.</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    private const int PooledReadersKept = 16;

    private readonly string _path;
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly ConcurrentBag<Reader> _readers = new();
    private readonly Lock _writeLock = new();
    private readonly Writer _writer;
    private long _nextPurgeUtcTicks;
    private volatile bool _disposed;

    /// <summary>Opens the store in <paramref name="path"/>, creating the file and its table if they do not exist.</summary>
    /// <param name="path">The database file; its folder must exist.</param>
    /// <param name="timeProvider">The clock that decides when an entry's time to live has passed; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or not a valid path.</exception>
    /// <exception cref="ChalkStoreException">The file cannot be opened or created, is not a SQLite database, or holds an
    /// <c>online_store</c> table of another layout; the message names the file and what to do.</exception>
    public SqliteOnlineStore(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = System.IO.Path.GetFullPath(path);
        _time = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Our own pool: Dispose must really close the file, and each connection keeps its prepared statements.
            Pooling = false,
        }.ConnectionString;
        _writer = OpenWriter();
    }

    /// <inheritdoc/>
    public string Name => "sqlite " + _path;

    /// <summary>The database file's full path.</summary>
    public string Path => _path;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A primary key is not an integer or a string.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public ValueTask<IReadOnlyList<StoredValue?>> ReadAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new StoredValue?[keys.Count];
        if (results.Length == 0) return new ValueTask<IReadOnlyList<StoredValue?>>(results);
        var entities = new byte[keys.Count][];
        for (int i = 0; i < entities.Length; i++) entities[i] = EntityBytes(keys[i]);
        long now = _time.GetUtcNow().UtcTicks;
        var reader = RentReader();
        try
        {
            reader.Read(keys, entities, now, results, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw Failed("reading", ex);
        }
        finally
        {
            ReturnReader(reader);
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
        if (writes.Count == 0) return ValueTask.CompletedTask;
        long now = _time.GetUtcNow().UtcTicks;
        // Encoded before the transaction, so a bad key or value fails the batch before any of it is written.
        var rows = new Writer.Row[writes.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var write = writes[i];
            rows[i] = new Writer.Row(write.Key.Feature ?? throw new ArgumentException("a store key needs a feature name", nameof(writes)),
                EntityBytes(write.Key), StoredValueCodec.Encode(write.Value), ExpiresAt(write.TimeToLive, now));
        }
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool purge = now >= _nextPurgeUtcTicks;
            try
            {
                _writer.Write(rows, purge ? now : null);
            }
            catch (SqliteException ex)
            {
                throw Failed("writing", ex);
            }
            if (purge) _nextPurgeUtcTicks = now + PurgeInterval.Ticks;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes every connection to the file.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_writeLock)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _disposed = true;
            _writer.Dispose();
        }
        while (_readers.TryTake(out var reader)) reader.Dispose();
        return ValueTask.CompletedTask;
    }

    private static byte[] EntityBytes(in StoreKey key) => StoredValueCodec.EncodeEntity(key.EntityKey);

    private static long? ExpiresAt(TimeSpan? timeToLive, long nowUtcTicks)
    {
        if (timeToLive is not { } ttl) return null;
        if (ttl <= TimeSpan.Zero) return nowUtcTicks;
        return ttl.Ticks >= long.MaxValue - nowUtcTicks ? null : nowUtcTicks + ttl.Ticks;
    }

    private Reader RentReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_readers.TryTake(out var reader)) return reader;
        var connection = Open("opening a reader");
        return new Reader(connection);
    }

    private void ReturnReader(Reader reader)
    {
        if (_disposed || _readers.Count >= PooledReadersKept)
        {
            reader.Dispose();
            return;
        }
        _readers.Add(reader);
        // A dispose that ran between the check and the add has already emptied the bag.
        while (_disposed && _readers.TryTake(out var raced)) raced.Dispose();
    }

    private ChalkStoreException Failed(string doing, SqliteException ex) => new(
        $"sqlite online store {_path}: {doing} failed ({ex.Message}); check that the disk has space, that the file is " +
        "readable and writable, and that no other process writes it", ex);
}
