using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Expressions;

/// <summary>Reads and writes one Arrow value at a time, boxed: any column the engine maps (<see cref="Get"/>), and IR columns (<see cref="GetValue"/>, <see cref="BuildArray"/>).</summary>
/// <remarks>Slow (one box per value): for binding parameters, the reference evaluator, tests and the per-row paths.</remarks>
public static class ArrowValues
{
    /// <summary>Converts Arrow microseconds since the epoch to a <see cref="DateTime"/> (kind unspecified).</summary>
    /// <param name="micros">Microseconds since 1970-01-01.</param>
    /// <returns>The time stamp.</returns>
    public static DateTime TimestampFromMicros(long micros) => ArrowTime.TimestampFromMicros(micros);

    /// <summary>Converts a <see cref="DateTime"/> to microseconds since the epoch (flooring sub-microsecond ticks, see <see cref="ArrowTime.TimestampToMicros"/>).</summary>
    /// <param name="value">The time stamp; its kind is ignored.</param>
    /// <returns>Microseconds.</returns>
    public static long TimestampToMicros(DateTime value) => ArrowTime.TimestampToMicros(value);

    /// <summary>Converts microseconds to a <see cref="TimeSpan"/>.</summary>
    /// <param name="micros">Microseconds.</param>
    /// <returns>The duration.</returns>
    public static TimeSpan DurationFromMicros(long micros) => ArrowTime.DurationFromMicros(micros);

    /// <summary>Converts a <see cref="TimeSpan"/> to microseconds (truncating toward zero).</summary>
    /// <param name="value">The duration.</param>
    /// <returns>Microseconds.</returns>
    public static long DurationToMicros(TimeSpan value) => ArrowTime.DurationToMicros(value);

    /// <summary>The value at <paramref name="index"/> of any column the engine maps, or <see langword="null"/> for an Arrow null.</summary>
    /// <remarks>
    /// Narrow integers widen to int (uint32 to long); timestamps of any unit come back as <see cref="DateTime"/> of UTC
    /// kind, durations as <see cref="TimeSpan"/>.
    /// </remarks>
    /// <param name="array">The array.</param>
    /// <param name="index">The row (relative to the array's own offset).</param>
    /// <returns>The value.</returns>
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
            TimestampArray a => ArrowTime.TimestampFrom(a.Values[index], ((TimestampType)a.Data.DataType).Unit, DateTimeKind.Utc),
            Date32Array a => a.GetDateTime(index)!.Value,
            DurationArray a => new TimeSpan(ArrowTime.ToTicks(a.Values[index], ((DurationType)a.Data.DataType).Unit)),
            _ => throw new NotSupportedException($"Arrow type {array.Data.DataType.Name} is not supported"),
        };
    }

    /// <summary>Reads one value of an IR column, boxed as the IR's CLR type (<see cref="ExprTypes.ClrType"/>), or null.</summary>
    /// <param name="array">The array.</param>
    /// <param name="index">The row (relative to the array's own offset).</param>
    /// <returns>The value; a timestamp is of unspecified kind.</returns>
    /// <exception cref="ArgumentException">The array's type has no IR kind.</exception>
    public static object? GetValue(IArrowArray array, int index)
    {
        if (array.IsNull(index)) return null;
        if (array is not (BooleanArray or Int32Array or Int64Array or FloatArray or DoubleArray or StringArray or TimestampArray or DurationArray))
            throw new ArgumentException($"unsupported Arrow array {array.Data.DataType.Name}.", nameof(array));
        var value = Get(array, index);
        return value is DateTime t ? DateTime.SpecifyKind(t, DateTimeKind.Unspecified) : value;
    }

    /// <summary>Builds an Arrow array of an IR type from boxed values (null entries become nulls).</summary>
    /// <remarks>Converts as every column the engine builds does (<see cref="ArrowColumnBuilder"/>): e.g. a time stamp's
    /// sub-microsecond ticks are floored.</remarks>
    /// <param name="type">The IR type.</param>
    /// <param name="values">The values, of <see cref="ExprTypes.ClrType"/> (or one that converts to it) or null.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException">A value cannot become <paramref name="type"/>.</exception>
    public static IArrowArray BuildArray(ExprType type, IReadOnlyList<object?> values)
    {
        var builder = ArrowColumnBuilder.For(type, values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            try
            {
                builder.Append(values[i]);
            }
            catch (InvalidCastException ex)
            {
                throw new ArgumentException($"value {values[i]} is not a {type.Name()}.", nameof(values), ex);
            }
        }
        return builder.Build();
    }
}

/// <summary>Low-level construction of Arrow arrays from buffers.</summary>
internal static class ArrowArrays
{
    public static int Width(ExprType type) => type switch
    {
        ExprType.Int32 or ExprType.Float32 => 4,
        ExprType.Int64 or ExprType.Float64 or ExprType.Timestamp or ExprType.Duration => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Wraps buffers: for utf8 <paramref name="values"/> is the offsets and <paramref name="stringData"/> the bytes.</summary>
    public static IArrowArray Create(ExprType type, int length, int nullCount, byte[]? validity, byte[] values, byte[]? stringData = null) =>
        Create(type, length, nullCount, validity, new ArrowBuffer(values), stringData);

    public static IArrowArray Create(ExprType type, int length, int nullCount, byte[]? validity, ArrowBuffer values, byte[]? stringData = null) =>
        Create(type, length, nullCount, validity, values, new ArrowBuffer(stringData ?? []));

    /// <summary>Wraps buffers that are already Arrow buffers; <paramref name="stringData"/> is used for utf8 only.</summary>
    public static IArrowArray Create(ExprType type, int length, int nullCount, byte[]? validity, ArrowBuffer values, ArrowBuffer stringData)
    {
        var validityBuffer = nullCount == 0 || validity is null ? ArrowBuffer.Empty : new ArrowBuffer(validity);
        ArrowBuffer[] buffers = type == ExprType.Utf8
            ? [validityBuffer, values, stringData]
            : [validityBuffer, values];
        return ArrowArrayFactory.BuildArray(new ArrayData(type.ToArrow(), length, nullCount, 0, buffers));
    }

    public static int NullCount(IArrowArray array) => array.NullCount;
}
