using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Sql.Sources;

namespace Chalk.Execution.Nodes;

/// <summary>A source's result batches joined into whole columns, with the parameter row of every result row.</summary>
internal sealed class SqlResultColumns
{
    private readonly Dictionary<string, IArrowArray> _columns;

    private SqlResultColumns(int[] parameterRow, Dictionary<string, IArrowArray> columns)
    {
        ParameterRow = parameterRow;
        _columns = columns;
    }

    public int[] ParameterRow { get; }

    public int RowCount => ParameterRow.Length;

    public static SqlResultColumns From(SqlResult result)
    {
        var names = result.Schema.FieldsList.Select(f => f.Name).ToList();
        var columns = new Dictionary<string, IArrowArray>(StringComparer.OrdinalIgnoreCase);
        var rows = new int[result.Batches.Sum(b => b.Length)];
        int at = 0;
        foreach (var b in result.Batches)
        {
            ((Int32Array)b.Column(0)).Values.CopyTo(rows.AsSpan(at));
            at += b.Length;
        }
        for (int c = 1; c < names.Count; c++)
        {
            var parts = result.Batches.Select(b => b.Column(c)).ToList();
            columns[names[c]] = parts.Count switch
            {
                0 => new NullArray(0),
                1 => parts[0],
                _ => ManagedConcat.Concatenate(parts),
            };
        }
        return new SqlResultColumns(rows, columns);
    }

    /// <summary>The raw column of that name, if the source returned it.</summary>
    public IArrowArray? Raw(string column) => _columns.GetValueOrDefault(column);

    /// <summary>The column for a feature, converted to its type through the row picks; throws when missing or of the wrong type.</summary>
    public IArrowArray Gather(string column, FeatureDefinition feature, ReadOnlySpan<int> rows, string origin, string sourceName)
    {
        if (!_columns.TryGetValue(column, out var array))
        {
            if (RowCount == 0) return ArrowTake.Take(new NullArray(0), rows, feature.Type!);
            throw new ChalkResolverException($"{origin}: source '{sourceName}' returned no column '{column}' for {feature.Path}; columns were {string.Join(", ", _columns.Keys)}");
        }
        if (!ArrowConversion.CanConvert(array.Data.DataType, feature.Type!.Kind))
            throw new ChalkResolverException(
                $"{origin}: column '{column}' is {ArrowConversion.Describe(array.Data.DataType)} on source '{sourceName}' but feature {feature.Path} is {feature.Type}; cast it in the SQL");
        if (feature.Type.Kind == ScalarKind.Int32 && ArrowConversion.FirstOutOfInt32Range(array, rows) is { } big)
            throw new ChalkResolverException(
                $"{origin}: column '{column}' on source '{sourceName}' has the value {big}, which does not fit {feature.Path} (int); declare {feature.Member} as long");
        return ArrowTake.Take(array, rows, feature.Type);
    }
}
