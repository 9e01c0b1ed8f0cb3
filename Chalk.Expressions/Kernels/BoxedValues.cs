using System.Text;

namespace Chalk.Expressions.Kernels;

/// <summary>Boxed, per-row access to chunk values: for the fallback kernel and scalar steps (slow; one box per value).</summary>
internal static class BoxedValues
{
    public static object? Get(ChunkValue v, int row)
    {
        if (v.IsScalar) return v.Scalar;
        if (!v.IsValid(row)) return null;
        return v.Type switch
        {
            ExprType.Bool => v.BitAt(row),
            ExprType.Int32 => v.Values<int>()[row],
            ExprType.Int64 => v.Values<long>()[row],
            ExprType.Float32 => v.Values<float>()[row],
            ExprType.Float64 => v.Values<double>()[row],
            ExprType.Utf8 => Encoding.UTF8.GetString(v.StringAt(row)),
            ExprType.Timestamp => ArrowTime.TimestampFromMicros(v.Values<long>()[row]),
            ExprType.Duration => ArrowTime.DurationFromMicros(v.Values<long>()[row]),
            _ => throw new ChalkInternalException($"unknown type {v.Type}"),
        };
    }
}

/// <summary>Writes a chunk's rows in order from boxed values (null = invalid row); strings are appended sequentially.</summary>
internal sealed class BoxedWriter
{
    private readonly ChunkValue _v;
    private readonly ulong[] _validity;
    private readonly Utf8Appender? _strings;

    public BoxedWriter(ChunkValue v)
    {
        _v = v;
        _validity = v.MutableValidity();
        if (v.Type == ExprType.Utf8) _strings = new Utf8Appender(v);
        else if (v.Type == ExprType.Bool) Bitmaps.ClearAll(v.Bits, v.Length);
        else if (v.Type is ExprType.Int32 or ExprType.Float32) v.WritableValues<int>();
        else v.WritableValues<long>();
    }

    public void Set(int row, object? value)
    {
        if (value is null)
        {
            _validity[row >> 6] &= ~(1UL << row);
            _strings?.Append(ReadOnlySpan<byte>.Empty);
            return;
        }
        switch (_v.Type)
        {
            case ExprType.Bool:
                if ((bool)value) _v.Bits[row >> 6] |= 1UL << row;
                break;
            case ExprType.Int32: Write(row, (int)value); break;
            case ExprType.Int64: Write(row, (long)value); break;
            case ExprType.Float32: Write(row, (float)value); break;
            case ExprType.Float64: Write(row, (double)value); break;
            case ExprType.Timestamp: Write(row, ArrowTime.TimestampToMicros((DateTime)value)); break;
            case ExprType.Duration: Write(row, ArrowTime.DurationToMicros((TimeSpan)value)); break;
            case ExprType.Utf8: _strings!.Append((string)value); break;
            default: throw new ChalkInternalException($"unknown type {_v.Type}");
        }
    }

    private void Write<T>(int row, T value) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(System.Runtime.InteropServices.MemoryMarshal.AsMemory(_v.Data).Span)[row] = value;

    public void Finish() => _strings?.Finish();
}

/// <summary>Builds a chunk's utf8 offsets and bytes row by row, into the value's own buffers.</summary>
internal sealed class Utf8Appender
{
    private readonly ChunkValue _v;
    private readonly byte[] _offsetBytes;
    private byte[] _chars;
    private int _row;
    private int _used;

    public Utf8Appender(ChunkValue v)
    {
        _v = v;
        _offsetBytes = v.OwnedOffsetBytes;
        _chars = v.OwnedChars(1024);
        Offsets[0] = 0;
    }

    private Span<int> Offsets => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(_offsetBytes.AsSpan());

    public void Append(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length);
        utf8.CopyTo(_chars.AsSpan(_used));
        _used += utf8.Length;
        Offsets[++_row] = _used;
    }

    /// <summary>Appends the concatenation of two byte runs without an intermediate buffer.</summary>
    public void Append(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Ensure(a.Length + b.Length);
        a.CopyTo(_chars.AsSpan(_used));
        _used += a.Length;
        b.CopyTo(_chars.AsSpan(_used));
        _used += b.Length;
        Offsets[++_row] = _used;
    }

    /// <summary>Space for the next row's bytes; call <see cref="Commit"/> with the count written.</summary>
    public Span<byte> Reserve(int maxBytes)
    {
        Ensure(maxBytes);
        return _chars.AsSpan(_used, maxBytes);
    }

    /// <summary>Ends the row started by <see cref="Reserve"/> after <paramref name="written"/> bytes.</summary>
    public void Commit(int written)
    {
        _used += written;
        Offsets[++_row] = _used;
    }

    public void Append(string s)
    {
        int max = Encoding.UTF8.GetMaxByteCount(s.Length);
        Ensure(max);
        _used += Encoding.UTF8.GetBytes(s, _chars.AsSpan(_used));
        Offsets[++_row] = _used;
    }

    /// <summary>Appends UTF-16 text, transcoding without allocating a string.</summary>
    public void Append(ReadOnlySpan<char> s)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(s.Length));
        _used += Encoding.UTF8.GetBytes(s, _chars.AsSpan(_used));
        Offsets[++_row] = _used;
    }

    private void Ensure(int extra)
    {
        if (_used + extra <= _chars.Length) return;
        var bigger = _v.OwnedChars(Math.Max(_chars.Length * 2, _used + extra));
        if (!ReferenceEquals(bigger, _chars)) _chars.AsSpan(0, _used).CopyTo(bigger);
        _chars = bigger;
    }

    public void Finish()
    {
        _v.OffsetBytes = _offsetBytes;
        _v.StringData = _chars;
    }
}
