using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Execution;
using Chalk.Execution.Arrow;
using Chalk.Expressions;

namespace Chalk;

/// <summary>Separates a point-in-time batch's as-of column from its feature columns and normalises it to µs time stamps.</summary>
internal static class AsOfColumn
{
    public static (RecordBatch Features, IArrowArray? Times) Split(RecordBatch inputs, string? asOf)
    {
        if (asOf is null) return (inputs, null);
        int index = SchemaFields.IndexOf(inputs.Schema, asOf);
        if (index < 0)
            throw new ArgumentException($"the as-of column '{asOf}' is not in the input batch; its columns are {string.Join(", ", inputs.Schema.FieldsList.Select(f => f.Name))}", nameof(asOf));
        var column = inputs.Column(index);
        if (column is not (TimestampArray or Date64Array))
            throw new ArgumentException($"the as-of column '{asOf}' is {ArrowConversion.Describe(column.Data.DataType)}; it must be a timestamp", nameof(asOf));
        if (column.NullCount > 0)
            throw new ArgumentException($"the as-of column '{asOf}' has {column.NullCount} null value(s); every row needs its time", nameof(asOf));
        var times = ArrowGather.AsFeature(column, QueryTime.Type);
        var keep = Enumerable.Range(0, inputs.ColumnCount).Where(i => i != index).ToList();
        var features = new RecordBatch(new Schema(keep.Select(inputs.Schema.GetFieldByIndex), null), keep.Select(inputs.Column), inputs.Length);
        return (features, times);
    }

    /// <summary>Truncates to whole microseconds, the precision of Arrow time stamps, so online and batch times compare equal.</summary>
    public static DateTime ToMicros(DateTime t) => ArrowTime.TruncateToMicros(t);
}
