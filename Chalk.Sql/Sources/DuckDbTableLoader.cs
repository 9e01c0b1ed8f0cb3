using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Arrow;
using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>Loads an Arrow batch into a DuckDB temporary table through the appender: values are bound, never written into SQL.</summary>
/// <remarks>
/// Column types follow the expression IR's DuckDB forms (<c>DuckDbSqlTranslator.SqlType</c>): timestamps become
/// TIMESTAMP, durations BIGINT microseconds. Each column gets a typed writer once, so appending a value reads the
/// Arrow buffer directly without boxing it.
/// </remarks>
internal static class DuckDbTableLoader
{
    // How often (in rows) a long load looks at the cancellation token.
    private const int CancellationStride = 1 << 16;

    private delegate IDuckDBAppenderRow Writer(IDuckDBAppenderRow row, int index);

    /// <summary>Creates (or replaces) temporary table <paramref name="name"/> with <paramref name="rows"/>' schema and appends every row.</summary>
    /// <exception cref="NotSupportedException">A column's Arrow type has no DuckDB mapping here.</exception>
    public static void Load(DuckDBConnection connection, string name, RecordBatch rows, CancellationToken cancellationToken)
    {
        var columns = rows.Schema.FieldsList.Select((f, i) => (Field: f, Column: Column(rows.Column(i), f))).ToArray();
        using (var create = connection.CreateCommand())
        {
            var list = string.Join(", ", columns.Select(c => $"{Ident(c.Field.Name)} {c.Column.SqlType}"));
            create.CommandText = $"CREATE OR REPLACE TEMP TABLE {Ident(name)} ({list})";
            create.ExecuteNonQuery();
        }
        using var appender = connection.CreateAppender(name);
        var writers = columns.Select(c => c.Column.Write).ToArray();
        for (int row = 0; row < rows.Length; row++)
        {
            if (row % CancellationStride == 0) cancellationToken.ThrowIfCancellationRequested();
            var r = appender.CreateRow();
            foreach (var write in writers) r = write(r, row);
            r.EndRow();
        }
    }

    /// <summary>A quoted identifier, so that any table or column name is used exactly.</summary>
    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static (string SqlType, Writer Write) Column(IArrowArray array, Field field) => array switch
    {
        BooleanArray a => ("BOOLEAN", (r, i) => r.AppendValue(a.GetValue(i))),
        Int32Array a => ("INTEGER", (r, i) => r.AppendValue(a.GetValue(i))),
        Int64Array a => ("BIGINT", (r, i) => r.AppendValue(a.GetValue(i))),
        FloatArray a => ("FLOAT", (r, i) => r.AppendValue(a.GetValue(i))),
        DoubleArray a => ("DOUBLE", (r, i) => r.AppendValue(a.GetValue(i))),
        StringArray a => ("VARCHAR", (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue(a.GetString(i))),
        Int8Array a => ("INTEGER", (r, i) => r.AppendValue((int?)a.GetValue(i))),
        Int16Array a => ("INTEGER", (r, i) => r.AppendValue((int?)a.GetValue(i))),
        UInt8Array a => ("INTEGER", (r, i) => r.AppendValue((int?)a.GetValue(i))),
        UInt16Array a => ("INTEGER", (r, i) => r.AppendValue((int?)a.GetValue(i))),
        UInt32Array a => ("BIGINT", (r, i) => r.AppendValue((long?)a.GetValue(i))),
        TimestampArray a => ("TIMESTAMP", Timestamps(a)),
        DurationArray a => ("BIGINT", Durations(a)),
        _ => throw new NotSupportedException($"column '{field.Name}' has Arrow type {field.DataType.Name}, which cannot be loaded into DuckDB"),
    };

    private static Writer Timestamps(TimestampArray a)
    {
        long ticksPerUnit = TicksPer(((TimestampType)a.Data.DataType).Unit);
        return (r, i) => a.IsNull(i)
            ? r.AppendNullValue()
            : r.AppendValue((DateTime?)new DateTime(DateTime.UnixEpoch.Ticks + Ticks(a.Values[i], ticksPerUnit), DateTimeKind.Utc));
    }

    private static Writer Durations(DurationArray a)
    {
        // Microseconds, the IR's unit (nanoseconds truncated toward negative infinity).
        var unit = ((DurationType)a.Data.DataType).Unit;
        return unit == TimeUnit.Microsecond
            ? (r, i) => r.AppendValue(a.GetValue(i))
            : (r, i) => a.IsNull(i) ? r.AppendNullValue() : r.AppendValue((long?)Micros(a.Values[i], unit));
    }

    private static long Micros(long raw, TimeUnit unit) => unit switch
    {
        TimeUnit.Second => raw * 1_000_000,
        TimeUnit.Millisecond => raw * 1_000,
        _ => FloorDiv(raw, 1_000),
    };

    // Nanoseconds are 1/100 tick: ticksPerUnit 0 marks them.
    private static long TicksPer(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => TimeSpan.TicksPerSecond,
        TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
        TimeUnit.Microsecond => 10,
        _ => 0,
    };

    private static long Ticks(long raw, long ticksPerUnit) => ticksPerUnit == 0 ? FloorDiv(raw, 100) : raw * ticksPerUnit;

    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);
}
