using Apache.Arrow;

namespace Chalk.Sql.Aggregation;

/// <summary>A source's capability to compute has-many aggregates inside its own database: it builds one statement for a
/// relation's aggregates and runs it for a batch of key rows. A source declares it through
/// <see cref="Sources.SqlSource.AggregatePushdown"/>; the engine pushes an aggregate down only through it.</summary>
/// <remarks>
/// <para>Every statement must answer exactly as LINQ to objects over the relation's rows in primary-key order, errors
/// included (see <c>docs/aggregations.md</c>). An aggregate whose answer the dialect cannot reproduce is listed in
/// <see cref="AggregateSqlStatement.Untranslatable"/> with the reason; the engine then computes it in process and shows
/// the reason in <c>Explain</c>.</para>
/// <para>Implementations are immutable and safe to use from many queries at once.</para>
/// </remarks>
public abstract class SqlAggregatePushdown
{
    /// <summary>The SQL dialect's name, shown in plans: <c>DuckDB</c>, <c>PostgreSQL</c>.</summary>
    public abstract string Dialect { get; }

    /// <summary>Whether a query with only a few key rows (an online query) should fetch each key's child rows and aggregate
    /// them in the engine instead of running the grouped statement.</summary>
    /// <remarks>True where the grouped statement costs milliseconds whatever the number of keys (DuckDB plans and
    /// scans the whole child table).</remarks>
    public virtual bool PrefersFetchForFewKeys => false;

    /// <summary>Builds the statement computing <see cref="AggregateSqlRequest.Aggregates"/> for the key rows in
    /// <see cref="AggregateSqlRequest.KeysTable"/>.</summary>
    /// <param name="request">The child rows, key table and aggregates.</param>
    /// <returns>The statement (see <see cref="AggregateSqlStatement"/> for its output columns) and the aggregates it leaves out.</returns>
    /// <exception cref="ArgumentNullException">The request or one of its members is null.</exception>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public abstract AggregateSqlStatement Build(AggregateSqlRequest request);

    /// <summary>Runs <paramref name="statement"/> for <paramref name="keys"/>, handing each result batch to <paramref name="onBatch"/>.</summary>
    /// <param name="statement">A statement <see cref="Build"/> returned, with a non-null <see cref="AggregateSqlStatement.Sql"/>.</param>
    /// <param name="keysTable">The name the statement reads the key rows by (<see cref="AggregateSqlRequest.KeysTable"/>).</param>
    /// <param name="keys">The key rows: <c>__chalk_row</c> (int32), <c>__chalk_key</c>, <c>__chalk_as_of</c> (timestamp)
    /// and the request's <see cref="AggregateSqlRequest.KeyColumns"/>, by name.</param>
    /// <param name="origin">Names the caller in error messages (the child resolver).</param>
    /// <param name="onBatch">Takes ownership of each result batch (and disposes it). Its first column is
    /// <c>__chalk_row</c>; an exception it throws ends the statement and passes through as is.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>The key rows (their <c>__chalk_row</c>) the statement could not answer exactly and left out of the
    /// result: the caller computes them another way. Usually empty.</returns>
    /// <exception cref="ChalkResolverException">The database failed; the message names <paramref name="origin"/>.</exception>
    public abstract Task<IReadOnlyList<int>> RunAsync(AggregateSqlStatement statement, string keysTable, RecordBatch keys, string origin,
        Action<RecordBatch> onBatch, CancellationToken cancellationToken = default);
}
