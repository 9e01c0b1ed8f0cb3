using System.Collections.Concurrent;
using System.Globalization;
using Apache.Arrow;
using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>An embedded DuckDB database (a file or <c>:memory:</c>) as a resolver source.</summary>
/// <remarks>
/// DuckDB connections are not thread-safe, so each concurrent query rents its own connection from a pool;
/// all connections share one database instance (so <c>:memory:</c> data is visible to every query). Each
/// pooled connection keeps its prepared statements, keyed by <see cref="SqlQuery.Id"/>.
/// </remarks>
public sealed partial class DuckDbSource : SqlSource
{
    // Small batches run the prepared statement once per row: cheaper than loading a parameter table.
    private const int PreparedLoopLimit = 8;

    // Held rows answer a key at a time (a batch each); more keys than this run as one DuckDB statement, which joins them.
    private const int HeldReadLimit = 64;

    private readonly string _connectionString;
    private readonly string _dataSource;
    private readonly bool _inMemory;
    private readonly ConcurrentBag<PooledConnection> _pool = new();
    private readonly ConcurrentDictionary<string, bool> _keepsPlan = new(StringComparer.Ordinal);
    private readonly Lock _rootLock = new();
    private DuckDBConnection? _root;
    private bool _disposed;
    private DuckDbAggregatePushdown? _aggregatePushdown;
    private DuckDbSnapshots? _snapshots;

    /// <summary>Creates a source over the database named by a DuckDB.NET connection string; a file opens read-only
    /// unless the connection string sets <c>ACCESS_MODE</c> itself.</summary>
    /// <param name="connectionString">For example <c>Data Source=warehouse.duckdb</c> or <c>Data Source=:memory:</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or not a DuckDB connection string.</exception>
    public DuckDbSource(string connectionString)
        : this(connectionString, readOnly: null)
    {
    }

    /// <summary>Creates a source over the database named by a DuckDB.NET connection string, read-only or writable.</summary>
    /// <remarks>
    /// A read-only source takes a shared lock on the file, so any number of processes can query it at once, and it
    /// never creates the file: a missing file is an error naming it. A writable source takes DuckDB's exclusive lock
    /// (no other process can open the file meanwhile) and creates a missing file as an empty database. An in-memory
    /// database is always writable.
    /// </remarks>
    /// <param name="connectionString">For example <c>Data Source=warehouse.duckdb</c>; it must not set <c>ACCESS_MODE</c> too.</param>
    /// <param name="readOnly">Whether to open a file database read-only.</param>
    /// <exception cref="ArgumentException">The connection string is empty, not a DuckDB connection string, or also sets <c>ACCESS_MODE</c>.</exception>
    public DuckDbSource(string connectionString, bool readOnly)
        : this(connectionString, (bool?)readOnly)
    {
    }

    private DuckDbSource(string connectionString, bool? readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = DuckDbConnectionSettings.Parse(connectionString, readOnly);
        _connectionString = settings.ConnectionString;
        _dataSource = settings.DataSource;
        _inMemory = settings.InMemory;
        IsReadOnly = settings.ReadOnly;
    }

    /// <summary>Whether the database is opened read-only (see <see cref="DuckDbSource(string, bool)"/>).</summary>
    public bool IsReadOnly { get; }

    /// <summary>On a read-only file, the most rows a resolver file may return to be held in memory: its key lookups and
    /// has-many fetches are then answered there, without a DuckDB statement each. 0 (the default) holds nothing.</summary>
    /// <remarks>
    /// A read-only file cannot change while it is open, so rows read once answer every later lookup exactly as the
    /// statement would. Each resolver file is read on first use, once per key column it is looked up by, and only
    /// when its rows cannot differ between runs (it reads only stored tables, calls no function such as
    /// <c>random()</c> or <c>now()</c>, and reads no view); any other file, and one over the limit, runs in DuckDB as
    /// before. Calls of more than 64 keys (batches) and pushed-down aggregates over many keys still run in DuckDB. The
    /// memory is held until the source is disposed: about the file's rows in Arrow form, once per key column.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    /// <exception cref="InvalidOperationException">Set above 0 on a writable or in-memory database, whose rows can change.</exception>
    public int InMemoryRows
    {
        get => _snapshots?.MaxRows ?? 0;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            if (value > 0 && !IsReadOnly)
                throw new InvalidOperationException($"DuckDB database '{_dataSource}' is not opened read-only, so its rows can change: it cannot hold them in memory (InMemoryRows)");
            _snapshots = value == 0 ? null : new DuckDbSnapshots(value);
        }
    }

    /// <summary>How many resolver files (per key column) are held in memory (for tests).</summary>
    internal int HeldFiles => _snapshots?.Count ?? 0;

    /// <inheritdoc/>
    public override string Kind => "duckdb";

    /// <inheritdoc/>
    /// <remarks>DuckDB refuses an explicit collation on the value beside a collated column ("Cannot combine types with
    /// different collation"), so the bytes are compared: <c>encode(column) = encode(value)</c>, a filter on the rows the
    /// collated <c>=</c> (which keeps the index and the hash join) found.</remarks>
    public override (string Before, string After)? ExactTextCheck(string column) => ($"encode({column}) = encode(", ")");

    /// <inheritdoc/>
    /// <remarks>A plain <c>TIMESTAMP</c> column compares with a <c>TIMESTAMP</c> value by its microseconds (no time zone
    /// enters); a time past <see cref="DateTime.MaxValue"/> is kept.</remarks>
    public override (string Before, string After)? TimeBoundFilter(string column)
        => ($"({column} <= ", $" or {column} > TIMESTAMP '9999-12-31 23:59:59.999999')");

    /// <inheritdoc/>
    /// <remarks>Every aggregate <see cref="Aggregation.AggregateSql"/> translates; a few key rows are fetched and
    /// aggregated in the engine instead (<see cref="Aggregation.SqlAggregatePushdown.PrefersFetchForFewKeys"/>).</remarks>
    public override Aggregation.SqlAggregatePushdown AggregatePushdown => _aggregatePushdown ??= new DuckDbAggregatePushdown(this);

    /// <summary>Runs <paramref name="action"/> on a connection of this source's database, e.g. to load data.</summary>
    /// <exception cref="ChalkResolverException">The database cannot be opened.</exception>
    public async Task UseConnectionAsync(Func<DuckDBConnection, Task> action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var pooled = Rent("(connection)");
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await action(pooled.Connection).ConfigureAwait(false);
        }
        finally
        {
            Return(pooled);
        }
    }

    /// <inheritdoc/>
    public override async Task<SqlResult> QueryAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.ColumnCount != query.Template.ParameterCount)
            throw new ArgumentException($"{query.Origin}: {parameters.ColumnCount} parameter columns for {query.Template.ParameterCount} slots", nameof(parameters));
        if (await HeldAsync(query, parameters, cancellationToken).ConfigureAwait(false) is { } held) return held;
        var pooled = Rent(query.Origin);
        // DuckDB runs a statement to completion unless interrupted; the token interrupts this connection only.
        using var interrupt = cancellationToken.Register(static c => ((DuckDBConnection)c!).NativeConnection.Interrupt(), pooled.Connection);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batches = new List<RecordBatch>();
            if (query.Template.ParameterCount == 0 || parameters.Length <= PreparedLoopLimit)
            {
                int rows = query.Template.ParameterCount == 0 ? 1 : parameters.Length;
                bool kept = KeepsPlan(pooled, query);
                if (pooled.Native(query, kept) is { } native)
                {
                    using var planned = kept ? null : native;
                    try
                    {
                        for (int row = 0; row < rows; row++)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            for (int i = 0; i < parameters.ColumnCount; i++) native.Bind(i, ParameterValue(parameters.Column(i), row));
                            int r = row;
                            native.Execute(batch => batches.Add(WithRowColumn(batch, r)));
                        }
                    }
                    catch when (kept)
                    {
                        pooled.Forget(query);
                        throw;
                    }
                }
                else
                {
                    var command = pooled.Prepared(query);
                    for (int row = 0; row < rows; row++)
                    {
                        Bind(command, parameters, row);
                        await ReadAsync(command, row, batches, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            else
            {
                await QueryLateralAsync(pooled, query, parameters, batches, cancellationToken).ConfigureAwait(false);
            }
            var schema = batches.Count > 0 ? batches[0].Schema : await DescribeWithRowAsync(pooled, query, cancellationToken).ConfigureAwait(false);
            return new SqlResult(schema, batches);
        }
        catch (Exception ex) when (ex is DuckDBException or DuckDbStatementException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{query.Origin}: cancelled", ex, cancellationToken);
        }
        catch (Exception ex) when (ex is DuckDBException or DuckDbStatementException or DuckDbLoadException)
        {
            throw Failed(query, ex);
        }
        finally
        {
            Return(pooled);
        }
    }

    // A keyed read of a file held in memory (InMemoryRows), answered there; null when DuckDB must run the statement.
    private async Task<SqlResult?> HeldAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken)
    {
        if (_snapshots is null || query.KeyedRead is not { } read || parameters.ColumnCount != 1 || parameters.Length > HeldReadLimit) return null;
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = await _snapshots.ForAsync(read, async load =>
        {
            var pooled = Rent(query.Origin);
            try
            {
                return await load(pooled.Connection).ConfigureAwait(false);
            }
            finally
            {
                Return(pooled);
            }
        }).ConfigureAwait(false);
        return snapshot?.Read(read, parameters.Column(0));
    }

    // Decided once per statement, on the first connection that runs it (see PooledConnection).
    private bool KeepsPlan(PooledConnection pooled, SqlQuery query)
        => IsReadOnly && DuckDbPreparedStatement.Binds(query.ParameterTypes)
           && _keepsPlan.GetOrAdd(query.Id, _ => DuckDbPlanScope.ReadsOnlyStoredTables(pooled.Connection, query.Template.Render(i => TypedNull(query, i))));

    /// <summary>How many plans the idle pooled connections keep (for tests).</summary>
    internal int KeptPlans => _pool.Sum(p => p.KeptPlans);

    /// <inheritdoc/>
    public override Task<Schema?> DescribeAsync(SqlQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pooled = Rent(query.Origin);
        try
        {
            return Task.FromResult<Schema?>(ResultSchema(pooled, query));
        }
        catch (DuckDBException ex)
        {
            throw Failed(query, ex);
        }
        finally
        {
            Return(pooled);
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        lock (_rootLock)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _disposed = true;
            while (_pool.TryTake(out var p)) p.Dispose();
            _root?.Dispose();
            _root = null;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The statement's result schema, from running it with typed null parameters and no rows.</summary>
    private static Schema ResultSchema(PooledConnection pooled, SqlQuery query)
    {
        using var command = pooled.Connection.CreateCommand();
        command.CommandText = "select * from (" + query.Template.Render(i => TypedNull(query, i)) + ") limit 0";
        using var stream = command.ExecuteArrowStream();
        return stream.Schema;
    }

    private static string TypedNull(SqlQuery query, int slot)
        => "CAST(NULL AS " + DuckDbTypes.NameOf(query.ParameterTypes[slot]) + ")";

    private static string Positional(int slot) => "$" + (slot + 1).ToString(CultureInfo.InvariantCulture);

    private static ChalkResolverException Failed(SqlQuery query, Exception ex)
        => new($"{query.Origin}: DuckDB failed: {ex.Message}", isTransient: false, ex);

    private PooledConnection Rent(string origin)
    {
        if (_pool.TryTake(out var pooled)) return pooled;
        lock (_rootLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                if (_root is null)
                {
                    // DuckDB would report the missing file too, but by its own words; say which file and what to do.
                    if (IsReadOnly && DuckDbConnectionSettings.IsLocalFile(_dataSource) && !File.Exists(_dataSource))
                        throw MissingFile(origin);
                    var root = new DuckDBConnection(_connectionString);
                    root.Open();
                    _root = root;
                }
                // In-memory databases are shared only through duplicated connections; DuckDB.NET shares a
                // file database between connections that name the same file.
                var connection = _inMemory ? _root.Duplicate() : new DuckDBConnection(_connectionString);
                if (connection.State != System.Data.ConnectionState.Open) connection.Open();
                return new PooledConnection(connection);
            }
            catch (DuckDBException ex)
            {
                throw new ChalkResolverException($"{origin}: cannot open DuckDB database '{_connectionString}': {ex.Message}", isTransient: true, ex);
            }
        }
    }

    private ChalkResolverException MissingFile(string origin)
        => new($"{origin}: DuckDB database file '{Path.GetFullPath(_dataSource)}' does not exist. A read-only DuckDB source never " +
               "creates its file: check the path (in chalk.json it is relative to the project folder), create or seed the database " +
               "first, or open the source for writes (chalk.json \"readOnly\": \"false\", or new DuckDbSource(connectionString, readOnly: false)) " +
               "to start an empty database", isTransient: false);

    private void Return(PooledConnection pooled)
    {
        lock (_rootLock)
        {
            if (!_disposed) { _pool.Add(pooled); return; }
        }
        pooled.Dispose();
    }
}
