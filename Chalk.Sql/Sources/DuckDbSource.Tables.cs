using Apache.Arrow;
using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

public sealed partial class DuckDbSource
{
    /// <summary>Runs <paramref name="sql"/> after loading each Arrow batch into a temporary table of the given name, then drops the tables.</summary>
    /// <remarks>
    /// <para>
    /// The tables live on one pooled connection for the duration of the call (a temporary table shadows a database
    /// table of the same name), are filled through DuckDB's appender, so values are always bound and never part of
    /// SQL text, and are dropped afterwards, also when the statement fails or is cancelled. Column types follow the
    /// IR's DuckDB forms: timestamps are TIMESTAMP, durations BIGINT microseconds.
    /// </para>
    /// <para>
    /// Serves aggregate pushdown (a key table next to this database's tables) and, on an in-memory source, computing
    /// over rows fetched from elsewhere. The result is the statement's own columns; the caller owns its batches.
    /// </para>
    /// </remarks>
    /// <param name="sql">The statement; it may read the loaded tables by name.</param>
    /// <param name="tables">The tables to load: name and rows.</param>
    /// <param name="origin">Names the caller in error messages (e.g. the resolver or feature).</param>
    /// <param name="cancellationToken">Interrupts loading or the running statement.</param>
    /// <returns>The statement's result.</returns>
    /// <exception cref="ChalkResolverException">DuckDB failed, or a column cannot be loaded; the message names <paramref name="origin"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async Task<SqlResult> QueryWithTablesAsync(string sql, IReadOnlyList<(string Name, RecordBatch Rows)> tables, string origin, CancellationToken cancellationToken = default)
    {
        var batches = new List<RecordBatch>();
        try
        {
            var schema = await QueryWithTablesAsync(sql, tables, origin, batches.Add, cancellationToken).ConfigureAwait(false);
            return new SqlResult(schema, batches);
        }
        catch
        {
            foreach (var b in batches) b.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="QueryWithTablesAsync(string, IReadOnlyList{ValueTuple{string, RecordBatch}}, string, CancellationToken)"/>,
    /// handing each result batch to <paramref name="onBatch"/> as DuckDB produces it.</summary>
    /// <remarks>
    /// A consumer that copies what it needs and disposes the batch at once lets DuckDB reuse that memory for the next
    /// batch; holding a large result's batches to the end touches fresh memory for every one of them.
    /// </remarks>
    /// <param name="sql">The statement; it may read the loaded tables by name.</param>
    /// <param name="tables">The tables to load: name and rows.</param>
    /// <param name="origin">Names the caller in error messages (e.g. the resolver or feature).</param>
    /// <param name="onBatch">Takes ownership of each batch (and disposes it). An exception it throws ends the statement and passes through as is.</param>
    /// <param name="cancellationToken">Interrupts loading or the running statement.</param>
    /// <returns>The result's schema.</returns>
    /// <exception cref="ChalkResolverException">DuckDB failed, or a column cannot be loaded; the message names <paramref name="origin"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<Schema> QueryWithTablesAsync(string sql, IReadOnlyList<(string Name, RecordBatch Rows)> tables, string origin,
        Action<RecordBatch> onBatch, CancellationToken cancellationToken = default)
        => QueryWithTablesAsync(sql, tables, [], origin, onBatch, cancellationToken);

    /// <summary>Like <see cref="QueryWithTablesAsync(string, IReadOnlyList{ValueTuple{string, RecordBatch}}, string, Action{RecordBatch}, CancellationToken)"/>,
    /// also filling the rank tables an aggregate statement orders strings by (<see cref="Aggregation.AggregateSqlStatement.Rankings"/>).</summary>
    /// <remarks>
    /// The strings are ranked in <see cref="System.Globalization.CultureInfo.CurrentCulture"/>'s order, as LINQ compares
    /// them where the query runs. With rankings, the ranking queries and the statement run in one transaction, so they
    /// read the same rows.
    /// </remarks>
    /// <param name="sql">The statement; it may read the loaded tables and the rank tables by name.</param>
    /// <param name="tables">The tables to load: name and rows.</param>
    /// <param name="rankings">The rank tables to fill after loading <paramref name="tables"/> (their queries may read them).</param>
    /// <param name="origin">Names the caller in error messages (e.g. the resolver or feature).</param>
    /// <param name="onBatch">Takes ownership of each batch (and disposes it). An exception it throws ends the statement and passes through as is.</param>
    /// <param name="cancellationToken">Interrupts loading, ranking or the running statement.</param>
    /// <returns>The result's schema.</returns>
    /// <exception cref="ChalkResolverException">DuckDB failed, or a column cannot be loaded; the message names <paramref name="origin"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<Schema> QueryWithTablesAsync(string sql, IReadOnlyList<(string Name, RecordBatch Rows)> tables, IReadOnlyList<Aggregation.StringRanking> rankings,
        string origin, Action<RecordBatch> onBatch, CancellationToken cancellationToken = default)
        => QueryWithTablesAsync(sql, null, tables, rankings, origin, onBatch, cancellationToken);

    /// <summary>How many statements ran in their byte-ordered form (<see cref="Aggregation.AggregateSqlStatement.BytesSql"/>).</summary>
    internal int ByteOrderedStatements => Volatile.Read(ref _byteOrderedStatements);

    private int _byteOrderedStatements;

    /// <summary>Like the public overload; with <paramref name="bytesSql"/>, the statement that orders strings by their
    /// bytes runs instead of <paramref name="sql"/> when every ranking's values are ordered as their bytes by the
    /// culture and every ranking query is deterministic (see <see cref="Aggregation.AggregateSqlStatement.BytesSql"/>).</summary>
    internal async Task<Schema> QueryWithTablesAsync(string sql, string? bytesSql, IReadOnlyList<(string Name, RecordBatch Rows)> tables,
        IReadOnlyList<Aggregation.StringRanking> rankings, string origin, Action<RecordBatch> onBatch, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        ArgumentNullException.ThrowIfNull(onBatch);
        var pooled = Rent(origin);
        var created = new List<string>();
        bool consuming = false, loaded = false, inTransaction = false;
        try
        {
            // DuckDB runs a statement to completion unless interrupted; the token interrupts this connection only.
            using var interrupt = cancellationToken.Register(static c => ((DuckDBConnection)c!).NativeConnection.Interrupt(), pooled.Connection);
            foreach (var (name, rows) in tables)
            {
                ArgumentException.ThrowIfNullOrEmpty(name, nameof(tables));
                cancellationToken.ThrowIfCancellationRequested();
                created.Add(name);
                pooled.Loaded(name, DuckDbTableLoader.Load(pooled.Connection, name, rows, cancellationToken, pooled.KeptTable(name)));
            }
            if (rankings.Count > 0)
            {
                Execute(pooled, "BEGIN TRANSACTION");
                inTransaction = true;
                var culture = System.Globalization.CultureInfo.CurrentCulture.CompareInfo;
                var values = new List<StringArray>();
                foreach (var ranking in rankings)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    values.Add(DuckDbStringRanks.Values(pooled.Connection, ranking, cancellationToken));
                }
                if (bytesSql is not null && values.All(v => Chalk.Expressions.Aggregation.Utf8Ordinal.CultureOrdersAsBytes(v, culture))
                    && rankings.All(r => RankingIsDeterministic(pooled, r)))
                {
                    sql = bytesSql;
                    Interlocked.Increment(ref _byteOrderedStatements);
                }
                else
                {
                    for (int i = 0; i < rankings.Count; i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        created.Add(rankings[i].Table);
                        pooled.Loaded(rankings[i].Table, DuckDbStringRanks.Load(pooled.Connection, rankings[i], values[i], culture, cancellationToken, pooled.KeptTable(rankings[i].Table)));
                    }
                }
            }
            loaded = true;
            cancellationToken.ThrowIfCancellationRequested();
            Schema schema;
            using (var statement = pooled.Statement(sql))
            {
                schema = statement.Execute(batch =>
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        batch.Dispose();
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    consuming = true;
                    onBatch(batch);
                    consuming = false;
                });
            }
            if (inTransaction)
            {
                inTransaction = false;
                Execute(pooled, "COMMIT");
            }
            return schema;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{origin}: cancelled", ex, cancellationToken);
        }
        catch (Exception ex) when (!consuming && ex is DuckDBException or DuckDbStatementException)
        {
            throw new ChalkResolverException($"{origin}: DuckDB failed: {ex.Message}", isTransient: false, ex);
        }
        catch (Exception ex) when (!consuming && ex is NotSupportedException or DuckDbLoadException or OverflowException)
        {
            throw new ChalkResolverException($"{origin}: {ex.Message}", isTransient: false, ex);
        }
        finally
        {
            // A load that failed part way may have left a table of another shape than the one recorded: start afresh.
            if (loaded && (!inTransaction || TryExecute(pooled, ["ROLLBACK"]))
                && TryExecute(pooled, created.Select(name => $"DELETE FROM temp.{DuckDbTableLoader.Ident(name)}"))) Return(pooled);
            else pooled.Dispose();
        }
    }

    // A byte-ordered statement is right only if it reads the very strings its ranking query checked: the same stored rows
    // (one transaction) through SQL that gives the same rows each time. Checked once per query text.
    private bool RankingIsDeterministic(PooledConnection pooled, Aggregation.StringRanking ranking)
        => _deterministicRankings.GetOrAdd(ranking.DistinctSql, static (sql, connection) => DuckDbDeterminism.IsDeterministic(connection, sql), pooled.Connection);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _deterministicRankings = new(StringComparer.Ordinal);

    private static void Execute(PooledConnection pooled, string sql)
    {
        using var command = pooled.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs the statements that put a connection back in shape for reuse: after a failure inside the ranking
    /// transaction, its rollback; then the emptying of the loaded tables, which keeps them (and the statements prepared
    /// over them) for the next query of this shape. False when one failed, so the connection (which may still hold the
    /// rows) is not reused.</summary>
    private static bool TryExecute(PooledConnection pooled, IEnumerable<string> statements)
    {
        try
        {
            foreach (var sql in statements) Execute(pooled, sql);
            return true;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }
}
