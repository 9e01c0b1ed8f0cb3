using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;
using Chalk.Sql.Aggregation;
using Chalk.Sql.Arrow;
using Chalk.Sql.Sources.Aggregation;
using Chalk.Sql.Templates;
using Npgsql;

namespace Chalk.Sql.Sources;

public sealed partial class PostgresSource
{
    private PostgresAggregatePushdown? _aggregatePushdown;

    /// <inheritdoc/>
    /// <remarks>Count, LongCount, Any and All with filters, Sum of int, long and double, Min and Max of int, long and
    /// double, over filters and values made of columns, literals, comparisons and boolean logic; everything else is
    /// refused with the reason and computed in the engine. See <c>docs/aggregations.md</c>.</remarks>
    public override SqlAggregatePushdown AggregatePushdown => _aggregatePushdown ??= new PostgresAggregatePushdown(this);

    /// <summary>Runs a pushed-down aggregate statement with <paramref name="keys"/>' first three columns bound as arrays
    /// (<c>$1</c> row, <c>$2</c> key, <c>$3</c> as-of); rows flagged for a recheck are left out and returned.</summary>
    internal async Task<IReadOnlyList<int>> RunAggregatesAsync(AggregateSqlStatement statement, RecordBatch keys, string origin,
        Action<RecordBatch> onBatch, CancellationToken cancellationToken)
    {
        var query = new SqlQuery(origin + "#aggregates", new SqlTemplate([SqlSegment.Literal(statement.Sql!)], 0), [], origin);
        var names = statement.Columns.SelectMany(c => c.ErrorColumn is null ? [c.ValueColumn] : new[] { c.ValueColumn, c.ErrorColumn }).ToList();
        var types = statement.Columns.SelectMany(c => c.ErrorColumn is null ? [ArrowTypeOf(c.Aggregate.Type)] : new[] { ArrowTypeOf(c.Aggregate.Type), StringType.Default }).ToList();
        var rechecked = new List<int>();
        SqlResult result;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            if (_commandTimeoutSeconds is int seconds) command.CommandTimeout = seconds;
            command.CommandText = statement.Sql!;
            for (int i = 0; i < 3; i++)
            {
                var column = keys.Column(i);
                command.Parameters.Add(new NpgsqlParameter
                {
                    NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | PostgresTypes.ParameterType(column.Data.DataType),
                    Value = PostgresTypes.ToArray(column, keys.Length),
                });
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            int recheck = statement.RecheckColumn is { } r ? reader.GetOrdinal(r) : -1;
            var indexes = names.Select(reader.GetOrdinal).ToArray();
            var builder = new ResultBatchBuilder(names, types);
            try
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    int row = reader.GetInt32(0);
                    if (recheck >= 0 && reader.GetBoolean(recheck))
                    {
                        rechecked.Add(row);
                        continue;
                    }
                    builder.BeginRow(row);
                    for (int c = 0; c < indexes.Length; c++)
                        builder.Column(c).Append(reader.IsDBNull(indexes[c]) ? null : reader.GetValue(indexes[c]));
                }
            }
            catch
            {
                builder.Abandon();
                throw;
            }
            result = builder.Build();
        }
        catch (Exception ex) when (ex is not ChalkResolverException)
        {
            throw Translate(query, ex, cancellationToken);
        }
        int handed = 0;
        try
        {
            for (; handed < result.Batches.Count; handed++) onBatch(result.Batches[handed]);
        }
        finally
        {
            for (int i = handed + 1; i < result.Batches.Count; i++) result.Batches[i].Dispose();
        }
        return rechecked;
    }

    private static IArrowType ArrowTypeOf(ExprType type) => type switch
    {
        ExprType.Bool => BooleanType.Default,
        ExprType.Int32 => Int32Type.Default,
        ExprType.Int64 => Int64Type.Default,
        ExprType.Float64 => DoubleType.Default,
        _ => throw new ChalkInternalException($"a pushed-down PostgreSQL aggregate of type {type.Name()}"),
    };
}
