using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Sql.Aggregation;

namespace Chalk.Execution.Nodes;

/// <summary>Computes a has-many relation's aggregates inside their source, through the aggregate pushdown it declares:
/// the requested keys and their query times go to the source as key rows and one grouped statement returns every
/// aggregate, which is scattered back to input order.</summary>
internal sealed class SqlAggregateNode : PhysicalNode
{
    public const string KeysTable = "__chalk_keys";

    /// <summary>The child source's aggregate pushdown, which runs <see cref="Statement"/>.</summary>
    public required SqlAggregatePushdown Pushdown { get; init; }

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

    /// <summary>The form for a few parent rows (an online query) when the source prefers it, and for key rows the
    /// statement leaves out: fetch each key's rows, aggregate in the engine.</summary>
    public required KeyedAggregation ByKey { get; init; }

    public required string Origin { get; init; }

    /// <summary>The aggregates as lifted, in statement order (for plans: before computed child features were inlined).</summary>
    public required IReadOnlyList<AggregateExpr> Lifted { get; init; }

    /// <summary>The computed child features whose lifted C# bodies the statement computes (for plans).</summary>
    public IReadOnlyList<Planning.Logical.InlinedFeature> Inlined { get; init; } = [];

    public override string Path => "aggregate (pushed down)";

    public override string Describe()
        => $"Aggregate pushed down into {Origin}: {string.Join("; ", Statement.Columns.Select(c => Lifted[c.Index].ToString()))}" +
           Planning.Logical.LogicalAggregate.InlinedText(Inlined) +
           (Pushdown.PrefersFetchForFewKeys
               ? $" ({Pushdown.Dialect}; up to {KeyedAggregation.MaxRows} rows: each key's rows fetched, aggregated in engine)"
               : $" ({Pushdown.Dialect}, for every number of rows)") +
           $"\n      {(HoistedStatement ?? Statement).Sql!.ReplaceLineEndings(" ")}" +
           string.Concat((HoistedStatement ?? Statement).Rankings.Select(r =>
               $"\n      strings ranked in the query's culture into {r.Table}: {r.DistinctSql.ReplaceLineEndings(" ")}")) +
           ((HoistedStatement ?? Statement).BytesSql is null ? "" :
               "\n      or, where the culture orders every ranked string as its bytes and the SQL is deterministic, the same statement comparing bytes without rank tables");

    public override async Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        if (Pushdown.PrefersFetchForFewKeys && input.Length <= KeyedAggregation.MaxRows)
            return new NodeOutput(await ByKey.RunAsync(input, KeyType, Outputs, context.CancellationToken).ConfigureAwait(false), []);
        var keys = Keys(input);
        var statement = Statement;
        if (keys.Length > 0 && HoistedStatement is not null && WithKeyExpressions(keys) is { } withExpressions)
        {
            statement = HoistedStatement;
            keys = withExpressions;
        }
        // Per aggregate a value and an error column. Each result batch is written to its output rows and released as
        // it arrives (see ArrowScatter); only batches holding a column that cannot be scattered are kept to the end.
        var columns = statement.Columns.SelectMany(c => new[]
        {
            (Name: (string?)c.ValueColumn, Scatter: new ArrowScatter(input.Length, AggregateOutputs.FeatureTypeOf(c.Aggregate))),
            (Name: c.ErrorColumn, Scatter: new ArrowScatter(input.Length, AggregateOutputs.MessageType)),
        }).ToArray();
        int[]? indexes = null;
        var kept = new List<RecordBatch>();
        try
        {
            if (keys.Length > 0)
            {
                var recheck = await Pushdown.RunAsync(statement, KeysTable, keys, Origin, batch =>
                {
                    bool keep = false;
                    try
                    {
                        indexes ??= columns.Select(c => c.Name is null ? -1 : ColumnIndex(batch.Schema, c.Name)).ToArray();
                        var targets = (Int32Array)batch.Column(0);
                        for (int i = 0; i < columns.Length; i++)
                        {
                            if (indexes[i] >= 0) keep |= !columns[i].Scatter.Add(batch.Column(indexes[i]), targets);
                        }
                    }
                    finally
                    {
                        if (keep) kept.Add(batch);
                        else batch.Dispose();
                    }
                }, context.CancellationToken).ConfigureAwait(false);
                if (recheck.Count > 0) await RecheckAsync(input, recheck, columns.Select(c => c.Scatter).ToArray(), kept, context.CancellationToken).ConfigureAwait(false);
            }
            var arrays = columns.Select((c, i) => c.Scatter.Build() ?? (i % 2 == 0
                ? ArrowScatter.AllNull(AggregateOutputs.FeatureTypeOf(statement.Columns[i / 2].Aggregate), input.Length)
                : AggregateOutputs.NoErrors(input.Length))).ToList();
            return new NodeOutput(AggregateOutputs.Batch(Outputs, arrays, input.Length), []);
        }
        finally
        {
            foreach (var b in kept) b.Dispose();
        }
    }

    // The key rows the statement left out are answered by the in-engine form, which is always exact.
    private async Task RecheckAsync(RecordBatch input, IReadOnlyList<int> rows, ArrowScatter[] scatters, List<RecordBatch> kept, CancellationToken cancellationToken)
    {
        var picks = rows.ToArray();
        var keys = ArrowTake.Take(input.Column(0), picks, KeyType);
        var times = ArrowTake.Take(input.Column(1), picks, QueryTime.Type);
        using var subset = new RecordBatch(new Schema([
            new Field(input.Schema.GetFieldByIndex(0).Name, keys.Data.DataType, true),
            new Field(input.Schema.GetFieldByIndex(1).Name, times.Data.DataType, true)], null), [keys, times], picks.Length);
        var answered = await ByKey.RunAsync(subset, KeyType, Outputs, cancellationToken).ConfigureAwait(false);
        var targets = new Int32Array.Builder().AppendRange(picks).Build();
        bool keep = false;
        for (int i = 0; i < scatters.Length; i++) keep |= !scatters[i].Add(answered.Column(i), targets);
        if (keep) kept.Add(answered);
        else answered.Dispose();
    }

    private static int ColumnIndex(Schema schema, string column)
    {
        int index = SchemaFields.IndexOf(schema, column);
        return index >= 0 ? index : throw new ChalkInternalException($"the pushed-down aggregate statement returned no column {column}");
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
            if (result.RowErrors[i].Count > 0 || values.NullCount > 0) return null;
            fields.Add(new Field(names[i], values.Data.DataType, false));
            arrays.Add(values);
        }
        return new RecordBatch(new Schema(fields, null), arrays, keys.Length);
    }

    // __chalk_row, __chalk_key, __chalk_as_of for every input row. Rows whose parent does not exist never get here (the
    // node is gated); a null key that does reach it matches no child rows, so its aggregates are an empty relation's.
    private RecordBatch Keys(RecordBatch input)
    {
        int n = input.Length;
        var ids = new byte[checked(n * sizeof(int))];
        var span = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(ids.AsSpan());
        for (int r = 0; r < n; r++) span[r] = r;
        var rowIds = new Int32Array(new ArrowBuffer(ids), ArrowBuffer.Empty, n, 0, 0);
        var keyColumn = ArrowGather.AsFeature(input.Column(0), KeyType);
        var asOf = ArrowGather.AsFeature(input.Column(1), QueryTime.Type);
        return new RecordBatch(new Schema([
            new Field(AggregateSql.RowColumn, Int32Type.Default, false),
            new Field(AggregateSql.KeyColumn, keyColumn.Data.DataType, true),
            new Field(AggregateSql.AsOfColumn, asOf.Data.DataType, false)], null), [rowIds, keyColumn, asOf], n);
    }
}
