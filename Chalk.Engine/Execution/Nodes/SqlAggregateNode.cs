using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Expressions;
using Chalk.Sql.Aggregation;
using Chalk.Sql.Sources;

namespace Chalk.Execution.Nodes;

/// <summary>Computes a has-many relation's aggregates inside its DuckDB source: the requested keys and their query times
/// are loaded as a table and one grouped statement returns every aggregate, which is scattered back to input order.</summary>
internal sealed class SqlAggregateNode : PhysicalNode
{
    public const string KeysTable = "__chalk_keys";

    public required DuckDbSource Source { get; init; }

    public required AggregateSqlStatement Statement { get; init; }

    public required FeatureType KeyType { get; init; }

    public required string Origin { get; init; }

    public override string Path => "aggregate (pushed down)";

    public override string Describe()
        => $"Aggregate pushed down into {Origin}: {string.Join("; ", Statement.Columns.Select(c => c.Aggregate.ToString()))}\n      {Statement.Sql!.ReplaceLineEndings(" ")}";

    public override async Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<string, ChildFrame> children, QueryContext context)
    {
        var keys = Keys(input);
        var arrays = new List<IArrowArray>();
        if (keys.Length == 0)
        {
            var none = Enumerable.Repeat(-1, input.Length).ToArray();
            foreach (var c in Statement.Columns)
            {
                arrays.Add(AggregateOutputs.Values(new NullArray(0), none, c.Aggregate));
                arrays.Add(AggregateOutputs.Messages(null, none));
            }
            return new NodeOutput(AggregateOutputs.Batch(Outputs, arrays, input.Length), []);
        }
        using var result = await Source.QueryWithTablesAsync(Statement.Sql!, [(KeysTable, keys)], Origin, context.CancellationToken).ConfigureAwait(false);
        var columns = SqlResultColumns.From(result);
        var pick = new int[input.Length];
        System.Array.Fill(pick, -1);
        for (int r = 0; r < columns.RowCount; r++) pick[columns.ParameterRow[r]] = r;
        foreach (var c in Statement.Columns)
        {
            arrays.Add(AggregateOutputs.Values(columns.Raw(c.ValueColumn) ?? new NullArray(0), pick, c.Aggregate));
            arrays.Add(AggregateOutputs.Messages(c.ErrorColumn is null ? null : columns.Raw(c.ErrorColumn), pick));
        }
        return new NodeOutput(AggregateOutputs.Batch(Outputs, arrays, input.Length), []);
    }

    // __chalk_row, __chalk_key, __chalk_as_of for every input row. A null key matches no child rows, so its
    // aggregates are those of an empty relation, as LINQ over the per-row fallback's empty DataFrame gives.
    private RecordBatch Keys(RecordBatch input)
    {
        var pick = new int[input.Length];
        for (int r = 0; r < pick.Length; r++) pick[r] = r;
        var rowIds = new Int32Array.Builder().Reserve(pick.Length).AppendRange(pick).Build();
        var keyColumn = ArrowGather.Gather(input.Column(0), pick, KeyType);
        var asOf = ArrowGather.Gather(input.Column(1), pick, QueryTime.Type);
        return new RecordBatch(new Schema([
            new Field(AggregateSql.RowColumn, Int32Type.Default, false),
            new Field(AggregateSql.KeyColumn, keyColumn.Data.DataType, true),
            new Field(AggregateSql.AsOfColumn, asOf.Data.DataType, false)], null), [rowIds, keyColumn, asOf], pick.Length);
    }
}
