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

    /// <summary>The statement that computes everything per child row: always right.</summary>
    public required AggregateSqlStatement Statement { get; init; }

    /// <summary>The same aggregates with time-only subexpressions read from key columns; used when those compute on every key row.</summary>
    public AggregateSqlStatement? HoistedStatement { get; init; }

    /// <summary>The key columns of <see cref="HoistedStatement"/>: names and their expressions over the query time.</summary>
    public (IReadOnlyList<string> Names, CompiledExpressions Compiled)? KeyExpressions { get; init; }

    public static (IReadOnlyList<string> Names, CompiledExpressions Compiled) CompileKeyExpressions(Planning.Physical.KeyLevelHoisting hoisting)
    {
        var schema = new Schema([new Field(QueryTime.Column, QueryTime.Type.ArrowType, false)], null);
        return (hoisting.Hoisted.Select(h => h.Column).ToList(), ExpressionCompiler.Compile(hoisting.Hoisted.Select(h => h.Expression).ToList(), schema));
    }

    public required FeatureType KeyType { get; init; }

    public required string Origin { get; init; }

    public override string Path => "aggregate (pushed down)";

    public override string Describe()
        => $"Aggregate pushed down into {Origin}: {string.Join("; ", Statement.Columns.Select(c => c.Aggregate.ToString()))}\n      {(HoistedStatement ?? Statement).Sql!.ReplaceLineEndings(" ")}";

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
        var statement = Statement;
        if (HoistedStatement is not null && WithKeyExpressions(keys) is { } withExpressions)
        {
            statement = HoistedStatement;
            keys = withExpressions;
        }
        using var result = await Source.QueryWithTablesAsync(statement.Sql!, [(KeysTable, keys)], Origin, context.CancellationToken).ConfigureAwait(false);
        var columns = SqlResultColumns.From(result);
        var pick = new int[input.Length];
        System.Array.Fill(pick, -1);
        for (int r = 0; r < columns.RowCount; r++) pick[columns.ParameterRow[r]] = r;
        foreach (var c in statement.Columns)
        {
            arrays.Add(AggregateOutputs.Values(columns.Raw(c.ValueColumn) ?? new NullArray(0), pick, c.Aggregate));
            arrays.Add(AggregateOutputs.Messages(c.ErrorColumn is null ? null : columns.Raw(c.ErrorColumn), pick));
        }
        return new NodeOutput(AggregateOutputs.Batch(Outputs, arrays, input.Length), []);
    }

    // The key rows with the hoisted expressions' values, or null when one fails or is null on some row.
    private RecordBatch? WithKeyExpressions(RecordBatch keys)
    {
        var (names, compiled) = KeyExpressions!.Value;
        var times = new RecordBatch(new Schema([new Field(QueryTime.Column, QueryTime.Type.ArrowType, false)], null), [keys.Column(2)], keys.Length);
        var result = compiled.Evaluate(times);
        var fields = keys.Schema.FieldsList.ToList();
        var arrays = Enumerable.Range(0, keys.ColumnCount).Select(keys.Column).ToList();
        for (int i = 0; i < names.Count; i++)
        {
            var values = result.GetArray(i);
            if (result.RowErrors[i].Count > 0 || values.NullCount > 0 || !InDateTimeRange(values)) return null;
            fields.Add(new Field(names[i], values.Data.DataType, false));
            arrays.Add(values);
        }
        return new RecordBatch(new Schema(fields, null), arrays, keys.Length);
    }

    // The kernels' timestamp arithmetic wraps where .NET throws; a value outside DateTime's range means some row failed.
    private static bool InDateTimeRange(IArrowArray values)
    {
        if (values is not TimestampArray t) return true;
        long min = (DateTime.MinValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        long max = (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        foreach (var v in t.Values)
        {
            if (v < min || v > max) return false;
        }
        return true;
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
