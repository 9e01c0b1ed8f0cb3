using Apache.Arrow;

namespace Chalk.Sql.Sources;

/// <summary>A database that runs resolvers' SQL with bound parameters and returns Arrow batches.</summary>
/// <remarks>
/// Implementations are safe to call from many queries at once. Values are always bound as parameters,
/// never written into the SQL text.
/// </remarks>
public abstract class SqlSource : IAsyncDisposable
{
    /// <summary>A short name of the kind of database: <c>duckdb</c>, <c>sqlite</c>, <c>postgres</c>, <c>bigquery</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Quotes an identifier (a column or table name) in this source's dialect.</summary>
    public virtual string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>How this source tests a column against many 64-bit integer keys bound as one JSON array string (a
    /// has-many fetch of every key in one statement), or null when it has no such form and runs a statement per key.</summary>
    /// <param name="column">The column, qualified and quoted.</param>
    /// <returns>The SQL before and after the parameter slot.</returns>
    /// <remarks>A source that runs a statement per parameter row (SQLite) fetches fifty thousand keys in fifty thousand
    /// executions without it.</remarks>
    public virtual (string Before, string After)? KeyListFilter(string column) => null;

    /// <summary>A condition the engine adds beside <c>column = value</c> on a text key, true only when both are the same
    /// bytes, for a source whose <c>=</c> follows a column's collation (DuckDB's <c>VARCHAR COLLATE NOCASE</c> finds
    /// <c>ab1cd</c> for <c>AB1CD</c>) and which cannot override it on the value; null when <c>=</c> is already exact.</summary>
    /// <param name="column">The column, qualified and quoted.</param>
    /// <returns>The SQL before and after the value (a parameter slot or another column).</returns>
    public virtual (string Before, string After)? ExactTextCheck(string column) => null;

    /// <summary>A condition the engine may add to a has-many fetch of many keys, keeping only rows whose time column is
    /// at or before a bound (each key's latest query time, bound as a microsecond timestamp without a zone), for a
    /// column this source returns as Arrow <c>timestamp[us]</c> without a zone; null when the source cannot compare
    /// such a column with such a value exactly as their microseconds compare.</summary>
    /// <param name="column">The time column, qualified and quoted.</param>
    /// <returns>The SQL before and after the bound's parameter slot.</returns>
    /// <remarks>The condition must keep every row the engine's own visibility check (time at or before the query time)
    /// could keep, and every row whose time is past <see cref="DateTime.MaxValue"/>, whose conversion the engine
    /// reports as an error: rows the fetch leaves out must be invisible at every query time of their key.</remarks>
    public virtual (string Before, string After)? TimeBoundFilter(string column) => null;

    /// <summary>How this source computes has-many aggregates in its own database, or null when it cannot (the engine then
    /// fetches the child rows and aggregates them in process).</summary>
    /// <remarks>Like a query engine asking a table provider which filters it can take, the planner asks the source:
    /// a source pushes down exactly the aggregates its <see cref="Aggregation.SqlAggregatePushdown.Build"/> translates.</remarks>
    public virtual Aggregation.SqlAggregatePushdown? AggregatePushdown => null;

    /// <summary>Runs <paramref name="query"/> once per row of <paramref name="parameters"/>.</summary>
    /// <param name="query">The statement; its slot <c>i</c> takes column <c>i</c> of <paramref name="parameters"/>.</param>
    /// <param name="parameters">One column per parameter slot and one row per execution. A statement without
    /// parameters is run once for a batch of zero columns and one row.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>The rows, tagged with the index of the parameter row that produced them.</returns>
    /// <exception cref="ChalkResolverException">The database failed; the message names <see cref="SqlQuery.Origin"/>.</exception>
    public abstract Task<SqlResult> QueryAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken = default);

    /// <summary>Describes the columns the statement returns, without fetching rows.</summary>
    /// <returns>The schema (without the row column), or <see langword="null"/> when this source cannot know it before running.</returns>
    /// <exception cref="ChalkResolverException">The statement does not compile against the database.</exception>
    public virtual Task<Schema?> DescribeAsync(SqlQuery query, CancellationToken cancellationToken = default)
        => Task.FromResult<Schema?>(null);

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();
}
