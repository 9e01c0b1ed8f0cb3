using Apache.Arrow;
using Chalk.Sql.Aggregation;

namespace Chalk.Sql.Sources;

/// <summary>DuckDB's aggregate pushdown: <see cref="AggregateSql"/>'s statement, run with the key rows loaded as a
/// temporary table (<see cref="DuckDbSource.QueryWithTablesAsync(string, IReadOnlyList{ValueTuple{string, RecordBatch}}, string, Action{RecordBatch}, CancellationToken)"/>).</summary>
internal sealed class DuckDbAggregatePushdown(DuckDbSource source) : SqlAggregatePushdown
{
    public override string Dialect => "DuckDB";

    // DuckDB plans a join and hash aggregates over the whole child table for any number of keys; a filtered fetch of one
    // key's rows is a fraction of that (see KeyedAggregation in the engine).
    public override bool PrefersFetchForFewKeys => true;

    public override AggregateSqlStatement Build(AggregateSqlRequest request) => AggregateSql.Build(request);

    public override async Task<IReadOnlyList<int>> RunAsync(AggregateSqlStatement statement, string keysTable, RecordBatch keys, string origin,
        Action<RecordBatch> onBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        if (statement.Sql is null) throw new ArgumentException("the statement computes no aggregate", nameof(statement));
        await source.QueryWithTablesAsync(statement.Sql, statement.BytesSql, [(keysTable, keys)], statement.Rankings, origin, onBatch, cancellationToken).ConfigureAwait(false);
        return [];
    }
}
