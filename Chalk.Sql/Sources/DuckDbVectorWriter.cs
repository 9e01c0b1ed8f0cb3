using Apache.Arrow;
using Apache.Arrow.Types;
using DuckDB.NET.Native;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

/// <summary>Copies a range of one Arrow column into a DuckDB data-chunk vector, with the column's DuckDB type.</summary>
/// <remarks>
/// DuckDB vectors hold fixed-width values in a flat buffer and validity as a 64-bit mask (bit set = valid), strings as
/// values the vector owns. Same-layout columns (32/64-bit integers, floats, microsecond timestamps and durations) are one
/// span copy; the others convert per value.
/// </remarks>
internal sealed unsafe class DuckDbVectorWriter
{
    private delegate void Values(void* data, int start, int count);

    private readonly IArrowArray _array;
    private readonly Values? _values;
    private readonly Action<IntPtr, int, int>? _strings;

    private DuckDbVectorWriter(IArrowArray array, string sqlType, DuckDBType type, Values? values, Action<IntPtr, int, int>? strings = null)
    {
        _array = array;
        SqlType = sqlType;
        Type = type;
        _values = values;
        _strings = strings;
    }

    /// <summary>The column's type in CREATE TABLE.</summary>
    public string SqlType { get; }

    /// <summary>The column's type in the data chunk.</summary>
    public DuckDBType Type { get; }

    /// <summary>The writer for <paramref name="array"/>.</summary>
    /// <exception cref="NotSupportedException">The Arrow type has no DuckDB mapping here.</exception>
    public static DuckDbVectorWriter For(IArrowArray array, Field field) => array switch
    {
        BooleanArray a => new(a, "BOOLEAN", DuckDBType.Boolean, (d, s, n) => Convert(d, s, n, i => a.GetValue(i) == true)),
        Int32Array a => new(a, "INTEGER", DuckDBType.Integer, (d, s, n) => Copy(a.Values, d, s, n)),
        Int64Array a => new(a, "BIGINT", DuckDBType.BigInt, (d, s, n) => Copy(a.Values, d, s, n)),
        FloatArray a => new(a, "FLOAT", DuckDBType.Float, (d, s, n) => Copy(a.Values, d, s, n)),
        DoubleArray a => new(a, "DOUBLE", DuckDBType.Double, (d, s, n) => Copy(a.Values, d, s, n)),
        StringArray a => new(a, "VARCHAR", DuckDBType.Varchar, null, (v, s, n) => Strings(a, v, s, n)),
        Int8Array a => new(a, "INTEGER", DuckDBType.Integer, (d, s, n) => Convert(d, s, n, i => (int)a.Values[i])),
        Int16Array a => new(a, "INTEGER", DuckDBType.Integer, (d, s, n) => Convert(d, s, n, i => (int)a.Values[i])),
        UInt8Array a => new(a, "INTEGER", DuckDBType.Integer, (d, s, n) => Convert(d, s, n, i => (int)a.Values[i])),
        UInt16Array a => new(a, "INTEGER", DuckDBType.Integer, (d, s, n) => Convert(d, s, n, i => (int)a.Values[i])),
        UInt32Array a => new(a, "BIGINT", DuckDBType.BigInt, (d, s, n) => Convert(d, s, n, i => (long)a.Values[i])),
        TimestampArray a => new(a, "TIMESTAMP", DuckDBType.Timestamp, Micros(a, ((TimestampType)a.Data.DataType).Unit)),
        DurationArray a => new(a, "BIGINT", DuckDBType.BigInt, Micros(a, ((DurationType)a.Data.DataType).Unit)),
        _ => throw new NotSupportedException($"column '{field.Name}' has Arrow type {field.DataType.Name}, which cannot be loaded into DuckDB"),
    };

    /// <summary>Writes rows <paramref name="start"/> .. start + count of the column into rows 0 .. count of <paramref name="vector"/>.</summary>
    public void Write(IntPtr vector, int start, int count)
    {
        if (_strings is not null) _strings(vector, start, count);
        else _values!(NativeMethods.Vectors.DuckDBVectorGetData(vector), start, count);
        if (_array.NullCount == 0) return;
        // Every bit of the range is written: a reset chunk may keep the previous chunk's mask.
        NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(vector);
        ulong* mask = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
        for (int i = 0; i < count; i++)
        {
            ulong bit = 1UL << (i & 63);
            if (_array.IsNull(start + i)) mask[i >> 6] &= ~bit;
            else mask[i >> 6] |= bit;
        }
    }

    private static void Copy<T>(ReadOnlySpan<T> values, void* data, int start, int count) where T : unmanaged
        => values.Slice(start, count).CopyTo(new Span<T>(data, count));

    private static void Convert<T>(void* data, int start, int count, Func<int, T> value) where T : unmanaged
    {
        var target = new Span<T>(data, count);
        for (int i = 0; i < count; i++) target[i] = value(start + i);
    }

    // DuckDB keeps TIMESTAMP and the IR's durations as microseconds; other units are scaled (nanoseconds floored).
    private static Values Micros(PrimitiveArray<long> a, TimeUnit unit) => unit == TimeUnit.Microsecond
        ? (d, s, n) => Copy(a.Values, d, s, n)
        : (d, s, n) => Convert(d, s, n, i => ArrowTime.ToMicros(a.Values[i], unit));

    private static void Strings(StringArray a, IntPtr vector, int start, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (a.IsNull(start + i)) continue;
            var bytes = a.GetBytes(start + i);
            fixed (byte* p = bytes) NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(vector, (ulong)i, p, bytes.Length);
        }
    }
}
