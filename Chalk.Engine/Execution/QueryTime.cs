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
        int index = batch.Schema.GetFieldIndex(Column);
        if (index < 0) return static _ => throw new ChalkInternalException($"the query time column {Column} is not among the node's inputs");
        var times = (TimestampArray)batch.Column(index);
        return row => Micros(times.GetValue(row) ?? throw new ChalkInternalException("the query time is null"));
    }

    /// <summary>A column of one time repeated.</summary>
    public static TimestampArray Constant(DateTime time, int rows)
    {
        var builder = new TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, (string?)null));
        builder.Reserve(rows);
        var value = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        for (int i = 0; i < rows; i++) builder.Append(value);
        return builder.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance);
    }

    public static DateTime Micros(long micros) => ArrowTime.TimestampFromMicros(micros, DateTimeKind.Utc);
}
