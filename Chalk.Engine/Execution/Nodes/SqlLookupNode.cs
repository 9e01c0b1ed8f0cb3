using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Resolvers;
using Chalk.Sql.Sources;

namespace Chalk.Execution.Nodes;

/// <summary>Runs a SQL resolver once for the distinct keys of a batch and scatters its rows back to the batch rows.</summary>
/// <remarks>A key with no row leaves its outputs null; a key with several rows is a row error (a lookup has one row per key).</remarks>
internal sealed class SqlLookupNode : PhysicalNode
{
    public required SqlResolverDefinition Resolver { get; init; }

    public required SqlQuery Query { get; init; }

    public required IReadOnlyList<FeatureType> KeyTypes { get; init; }

    /// <summary>Per output column: the result column it comes from and its feature.</summary>
    public required IReadOnlyList<(string SourceColumn, FeatureDefinition Feature)> Columns { get; init; }

    public override string Path => "sql";

    public override string Describe()
        => $"SqlLookup {Resolver.Name} on {Resolver.SourceName} ({Resolver.Source.Kind}) keys [{string.Join(", ", Inputs)}]\n      {Query.Template.ToString().ReplaceLineEndings(" ")}";

    public override async Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var keys = KeyIndex.Build(input, KeyTypes);
        var pick = new int[input.Length];
        System.Array.Fill(pick, -1);
        var errors = new List<FeatureError>();
        if (keys.FirstRowOfKey.Count > 0)
        {
            var parameters = keys.Parameters(input, KeyTypes);
            using var result = await Resolver.Source.QueryAsync(Query, parameters, context.CancellationToken).ConfigureAwait(false);
            var columns = SqlResultColumns.From(result);
            var otherKey = OtherKeyRows.Of(Resolver, parameters, columns);
            var rowOfKey = new int[keys.FirstRowOfKey.Count];
            System.Array.Fill(rowOfKey, -1);
            var duplicated = new HashSet<int>();
            for (int r = 0; r < columns.RowCount; r++)
            {
                if (otherKey is not null && otherKey[r]) continue;
                int k = columns.ParameterRow[r];
                if (rowOfKey[k] >= 0) duplicated.Add(k);
                else rowOfKey[k] = r;
            }
            for (int row = 0; row < input.Length; row++)
            {
                int k = keys.KeyOfRow[row];
                if (k < 0) continue;
                if (duplicated.Contains(k))
                {
                    foreach (var (_, f) in Columns)
                        errors.Add(new FeatureError(Outputs[Columns.ToList().FindIndex(c => c.Feature == f)].Name, row,
                            $"{Resolver.Name} returned more than one row for {string.Join(", ", Inputs)}; a lookup must return at most one row per key"));
                    continue;
                }
                pick[row] = rowOfKey[k];
            }
            return new NodeOutput(Build(columns, pick, Found(keys.KeyOfRow, rowOfKey)), errors);
        }
        return new NodeOutput(BuildEmpty(pick), errors);
    }

    private RecordBatch Build(SqlResultColumns columns, int[] pick, BooleanArray found)
    {
        var arrays = Columns.Select(c => columns.Gather(c.SourceColumn, c.Feature, pick, Resolver.Origin, Resolver.SourceName)).ToList();
        arrays.Add(found);
        return Assemble(arrays, pick.Length);
    }

    private RecordBatch BuildEmpty(int[] pick)
    {
        var arrays = Columns.Select(c => Arrow.ArrowTake.Take(new NullArray(0), pick, c.Feature.Type!)).ToList();
        arrays.Add(Found(pick, []));
        return Assemble(arrays, pick.Length);
    }

    // Per row, whether the source returned a row for its key (several rows count as found: the row exists, ambiguously).
    private static BooleanArray Found(int[] keyOfRow, int[] rowOfKey)
    {
        var builder = new BooleanArray.Builder().Reserve(keyOfRow.Length);
        foreach (int k in keyOfRow) builder.Append(k >= 0 && k < rowOfKey.Length && rowOfKey[k] >= 0);
        return builder.Build(ManagedArrowAllocator.Instance);
    }

    private RecordBatch Assemble(List<IArrowArray> arrays, int length)
        => new(new Schema(Outputs.Select((o, i) => new Field(o.Name, arrays[i].Data.DataType, true)), null), arrays, length);
}
