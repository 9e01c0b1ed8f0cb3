using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Sql.Arrow;

/// <summary>Reads one Arrow slot as a boxed CLR value, for binding parameters and for the per-row paths.</summary>
public static class ArrowValues
{
    /// <summary>The value at <paramref name="index"/>, or <see langword="null"/> for an Arrow null.</summary>
    /// <remarks>Timestamps come back as <see cref="DateTime"/> (UTC kind, microsecond precision); durations as <see cref="TimeSpan"/>.</remarks>
    /// <exception cref="NotSupportedException">The array's type is not one the engine maps.</exception>
    public static object? Get(IArrowArray array, int index)
    {
        if (array.IsNull(index)) return null;
        return array switch
        {
            BooleanArray a => a.GetValue(index)!.Value,
            Int32Array a => a.GetValue(index)!.Value,
            Int64Array a => a.GetValue(index)!.Value,
            DoubleArray a => a.GetValue(index)!.Value,
            FloatArray a => a.GetValue(index)!.Value,
            StringArray a => a.GetString(index),
            Int16Array a => (int)a.GetValue(index)!.Value,
            Int8Array a => (int)a.GetValue(index)!.Value,
            UInt8Array a => (int)a.GetValue(index)!.Value,
            UInt16Array a => (int)a.GetValue(index)!.Value,
            UInt32Array a => (long)a.GetValue(index)!.Value,
            TimestampArray a => ToDateTime(a, index),
            Date32Array a => a.GetDateTime(index)!.Value,
            DurationArray a => ToTimeSpan(a, index),
            _ => throw new NotSupportedException($"Arrow type {array.Data.DataType.Name} is not supported"),
        };
    }

    private static DateTime ToDateTime(TimestampArray a, int index)
    {
        long raw = a.Values[index];
        var unit = ((TimestampType)a.Data.DataType).Unit;
        long ticks = unit switch
        {
            TimeUnit.Second => raw * TimeSpan.TicksPerSecond,
            TimeUnit.Millisecond => raw * TimeSpan.TicksPerMillisecond,
            TimeUnit.Microsecond => raw * 10,
            _ => raw / 100,
        };
        return new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc);
    }

    private static TimeSpan ToTimeSpan(DurationArray a, int index)
    {
        long raw = a.Values[index];
        var unit = ((DurationType)a.Data.DataType).Unit;
        return unit switch
        {
            TimeUnit.Second => TimeSpan.FromSeconds(raw),
            TimeUnit.Millisecond => TimeSpan.FromMilliseconds(raw),
            TimeUnit.Microsecond => TimeSpan.FromTicks(raw * 10),
            _ => TimeSpan.FromTicks(raw / 100),
        };
    }
}
