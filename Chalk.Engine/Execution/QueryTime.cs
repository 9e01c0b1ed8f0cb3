using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Execution;

/// <summary>The per-row query time: now for online queries, the as-of column for point-in-time batch queries.</summary>
/// <remarks>
/// Every frame carries it as the timestamp column <see cref="Column"/>; has-many child frames carry their parent
/// row's value, so windows and visibility in nested relations use the root row's time.
/// </remarks>
internal static class QueryTime
{
    /// <summary>The column name (shared with the IR's aggregate nodes, whose window filters read it).</summary>
    public const string Column = AggregateExpr.AsOfColumn;

    /// <summary>Its feature type: a non-null time stamp.</summary>
    public static readonly Definitions.FeatureType Type = new(Definitions.ScalarKind.DateTime, false);

    /// <summary>A reader of the query time per row of a batch that holds <see cref="Column"/>; reading a batch without it is a bug.</summary>
    public static Func<int, DateTime> Of(RecordBatch batch)
    {
        int index = SchemaFields.IndexOf(batch.Schema, Column);
        if (index < 0) return static _ => throw new ChalkInternalException($"the query time column {Column} is not among the node's inputs");
        var times = (TimestampArray)batch.Column(index);
        return row => Micros(times.GetValue(row) ?? throw new ChalkInternalException("the query time is null"));
    }

    /// <summary>A column of one time repeated (its sub-microsecond ticks floored, as every time stamp's are).</summary>
    public static TimestampArray Constant(DateTime time, int rows)
    {
        var builder = ArrowColumnBuilder.For(Type.ArrowType, rows);
        long micros = ArrowTime.TimestampToMicros(time);
        for (int i = 0; i < rows; i++) builder.AppendTimestamp(micros);
        return (TimestampArray)builder.Build();
    }

    public static DateTime Micros(long micros) => ArrowTime.TimestampFromMicros(micros, DateTimeKind.Utc);
}
