using System.Collections.Concurrent;
using Apache.Arrow;
using Chalk.Sql.Arrow;
using Microsoft.Data.Sqlite;

namespace Chalk.Sql.Sources;

/// <summary>A SQLite database file (through Microsoft.Data.Sqlite) as a resolver source.</summary>
/// <remarks>
/// <para>Each concurrent query rents its own connection from a small pool; each pooled connection keeps one
/// prepared command per <see cref="SqlQuery.Id"/>. Many parameter rows run that prepared command once per row
/// in a loop inside one deferred read transaction: SQLite is in-process, so there is no round trip to save, and the
/// transaction takes the file lock once per batch rather than once per row.</para>
/// <para>Slots render as <c>($p1 COLLATE BINARY)</c>, <c>($p2 COLLATE BINARY)</c>, …, so text compares byte for byte
/// even against a column declared <c>COLLATE NOCASE</c>. Parameters bind as SQLite values: booleans as 0/1,
/// 32-bit integers as 64-bit, timestamps as ISO-8601 text <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c> (UTC).</para>
/// <para>A has-many fetch of many keys (a JSON list) seeks each key in the key column's index, or scans the file's
/// rows once when the keys cover enough of it (<see cref="SqliteKeyListPlanner"/>).</para>
/// <para>Result types follow <see cref="SqliteTypes"/>: the declared column type where SQLite reports one,
/// otherwise the values (see <c>docs/sources.md</c>).</para>
/// </remarks>
public sealed partial class SqliteSource : SqlSource
{
    private readonly string _connectionString;
    private readonly string _display;
    private readonly ConcurrentBag<PooledConnection> _pool = new();
    private readonly Lock _lock = new();
    private readonly SqliteKeyListPlanner _keyLists = new();

    /// <summary>How fetches of many keys find their rows (seek or scan), and what they have seen.</summary>
    internal SqliteKeyListPlanner KeyLists => _keyLists;
    private bool _disposed;

    /// <summary>Creates a source over the database a Microsoft.Data.Sqlite connection string names.</summary>
    /// <param name="connectionString">For example <c>Data Source=shop.db;Mode=ReadOnly</c>.</param>
    /// <param name="commandTimeout">How long a statement may wait for a locked database (SQLite's busy timeout)
    /// before failing with a transient error; 30 seconds when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public SqliteSource(string connectionString, TimeSpan? commandTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        _connectionString = builder.ConnectionString;
        _display = "sqlite source '" + builder.DataSource + "'";
        CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(30);
    }

    /// <inheritdoc/>
    public override string Kind => "sqlite";

    /// <inheritdoc/>
    /// <remarks>The column is compared with the BINARY collation, whatever it declares, as every parameter is.</remarks>
    public override (string Before, string After)? KeyListFilter(string column) => ($"{column} COLLATE BINARY in (select value from json_each(", "))");

    /// <summary>How long a statement waits for a locked database before failing.</summary>
    public TimeSpan CommandTimeout { get; }

    /// <summary>The default <see cref="PageCacheMiB"/>: 64 MiB per connection.</summary>
    public const int DefaultPageCacheMiB = 64;

    /// <summary>The most memory each of this source's connections keeps for database pages between queries (SQLite's
    /// <c>cache_size</c>), in MiB; <see cref="DefaultPageCacheMiB"/> unless set. Pages are held only once read.</summary>
    /// <remarks>SQLite's own default is 2 MiB. A batch that reads a table larger than the cache reads its pages again
    /// from the file for every query (a system call and a copy per page); with the table in the cache the logistics
    /// benchmark's 200k-row fetch took 0.75× the CPU time. A pooled connection keeps its cache while the file is
    /// unchanged: SQLite checks that at the start of each read.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int PageCacheMiB
    {
        get => _pageCacheMiB;
        init => _pageCacheMiB = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the page cache must be at least 1 MiB");
    }

    private readonly int _pageCacheMiB = DefaultPageCacheMiB;

    /// <inheritdoc/>
    public override Task<SqlResult> QueryAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.ColumnCount != query.Template.ParameterCount)
            throw new ArgumentException($"{query.Origin}: {parameters.ColumnCount} parameter columns for {query.Template.ParameterCount} slots", nameof(parameters));
        cancellationToken.ThrowIfCancellationRequested();
        var pooled = Rent(query);
        try
        {
            // SQLite runs on the calling thread; a cancellation from another thread interrupts the running statement.
            using var interrupt = cancellationToken.Register(static c => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)c!).Handle), pooled.Connection);
            int rows = query.Template.ParameterCount == 0 ? 1 : parameters.Length;
            // Several executions share one read transaction: SQLite then takes its file lock and validates its page
            // cache once for the batch instead of once per row, and every row sees the same snapshot.
            using var transaction = rows > 1 ? pooled.Connection.BeginTransaction(deferred: true) : null;
            if (query.KeyList is null || rows != 1 || parameters.Column(0) is not StringArray { Length: 1 } list || list.GetString(0) is not { } json)
                return Task.FromResult(SqliteResultReader.Read(pooled.Prepare(query, CommandTimeout), parameters, rows, query, _display, cancellationToken));
            int keys = SqliteKeyListPlanner.KeysIn(json);
            var form = _keyLists.Choose(query, keys, (count, limit) => CountUpTo(pooled, count, limit));
            var statement = pooled.Prepare(form, CommandTimeout);
            // The scan form passes integer keys unfiltered: the reader keeps those in the list.
            var filter = ReferenceEquals(form, query) ? null : SqliteKeyFilter.For(json, statement, query.KeyList.KeyColumn);
            var result = SqliteResultReader.Read(statement, parameters, rows, query, _display, cancellationToken, filter);
            _keyLists.Fetched(query, keys, result.RowCount);
            return Task.FromResult(result);
        }
        catch (SqliteException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{query.Origin}: cancelled", ex, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw SourceErrors.Failed(query, _display, SqliteTypes.IsTransient(ex), ex);
        }
        finally
        {
            Return(pooled);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Returns the schema when SQLite reports a declared type for every result column that maps to a
    /// feature type (a plain column of a table); <see langword="null"/> when some column's type depends on its values.</remarks>
    public override Task<Schema?> DescribeAsync(SqlQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var pooled = Rent(query);
        try
        {
            var prepared = pooled.Prepare(query, CommandTimeout);
            return Task.FromResult(SqliteTypes.Describe(prepared.Columns));
        }
        catch (SqliteException ex)
        {
            throw SourceErrors.Failed(query, _display, SqliteTypes.IsTransient(ex), ex);
        }
        finally
        {
            Return(pooled);
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _disposed = true;
            while (_pool.TryTake(out var p)) p.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    // The rows of a key list's file, counted up to limit (a count statement of SqliteKeyListPlanner).
    private long CountUpTo(PooledConnection pooled, SqlQuery count, long limit)
    {
        var statement = pooled.Prepare(count, CommandTimeout);
        using var bound = new RecordBatch(new Schema([new Field("limit", Apache.Arrow.Types.Int64Type.Default, false)], null),
            [new Int64Array.Builder().Append(limit).Build()], 1);
        statement.Bind(bound, 0);
        try
        {
            return statement.First() ? SQLitePCL.raw.sqlite3_column_int64(statement.Handle, 0) : 0;
        }
        finally
        {
            statement.Reset();
        }
    }

    private PooledConnection Rent(SqlQuery query)
    {
        if (_pool.TryTake(out var pooled)) return pooled;
        lock (_lock) ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using (var cache = connection.CreateCommand())
            {
                // A negative cache_size is in KiB (a positive one counts pages, whose size varies by file).
                cache.CommandText = "PRAGMA cache_size = -" + (_pageCacheMiB * 1024L).ToString(System.Globalization.CultureInfo.InvariantCulture);
                cache.ExecuteNonQuery();
            }
            return new PooledConnection(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw SourceErrors.Failed(query, _display, isTransient: true, ex);
        }
    }

    private void Return(PooledConnection pooled)
    {
        lock (_lock)
        {
            if (!_disposed) { _pool.Add(pooled); return; }
        }
        pooled.Dispose();
    }
}
