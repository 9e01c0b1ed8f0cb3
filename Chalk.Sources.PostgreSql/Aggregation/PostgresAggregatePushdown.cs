using Apache.Arrow;
using Chalk.Sql.Aggregation;

namespace Chalk.Sql.Sources.Aggregation;

/// <summary>PostgreSQL's aggregate pushdown: <see cref="PostgresAggregateSql"/>'s statement, run with the key rows bound
/// as three array parameters (<see cref="PostgresSource.RunAggregatesAsync"/>).</summary>
/// <remarks>PostgreSQL plans such a statement in well under a millisecond and, with an index on the foreign key, reads
/// only the requested keys' rows, so online queries run it too instead of fetching each key's rows.</remarks>
internal sealed class PostgresAggregatePushdown(PostgresSource source) : SqlAggregatePushdown
{
    public override string Dialect => "PostgreSQL";

    public override AggregateSqlStatement Build(AggregateSqlRequest request) => PostgresAggregateSql.Build(request);

    public override Task<IReadOnlyList<int>> RunAsync(AggregateSqlStatement statement, string keysTable, RecordBatch keys, string origin,
        Action<RecordBatch> onBatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(onBatch);
        if (statement.Sql is null) throw new ArgumentException("the statement computes no aggregate", nameof(statement));
        return source.RunAggregatesAsync(statement, keys, origin, onBatch, cancellationToken);
    }
}
