using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary>Assembles one expression's chunk results into a full-length Arrow array (fixed-width roots write in place).</summary>
/// <remarks>The array's buffers are the caller's (<see cref="ResultBuffers"/>): kept, dropped or disposed, nothing here touches them again.</remarks>
internal sealed class OutputBuilder
{
    private readonly ExprType _type;
    private readonly int _length;
    private readonly int _width;
    private readonly byte[] _data;
    private readonly Memory<byte> _values;
    private byte[]? _validity;
    private bool _validityRented;
    private readonly List<RowError> _errors = [];
    private readonly byte[]? _offsetArray;
    private readonly Memory<byte> _offsetMemory;
    private byte[]? _chars;
    private Memory<byte> _charMemory;
    private int _charsUsed;

    /// <param name="type">The result type.</param>
    /// <param name="length">The result's rows.</param>
    /// <param name="concurrent">Whether chunks are appended from several threads at once (each to its own rows, whose
    /// ranges start at multiples of 64): the validity words are then allocated up front, as all valid, instead of at
    /// the first null, so that no thread allocates or fills them under another. Not for utf8, whose bytes are appended in order.</param>
    public OutputBuilder(ExprType type, int length, bool concurrent = false)
    {
        _type = type;
        _length = length;
        if (concurrent)
        {
            if (type == ExprType.Utf8) throw new ArgumentException("utf8 results are appended in row order", nameof(concurrent));
            // Rented: most results have no nulls, and then the words go back to the pool at Build.
            ResultBuffers.Rent(ChunkValue.Words(length) * sizeof(ulong), out _validity);
            Bitmaps.SetAll(MemoryMarshal.Cast<byte, ulong>(_validity.AsSpan()), length);
            _validityRented = true;
        }
        switch (type)
        {
            case ExprType.Bool:
                _width = 0;
                _data = new byte[ChunkValue.Words(length) * sizeof(ulong)];
                break;
            case ExprType.Utf8:
                _width = 0;
                _data = [];
                // Offsets and bytes are handed to the Arrow array as they are (no copy at Build).
                _offsetMemory = ResultBuffers.Rent((length + 1) * sizeof(int), out _offsetArray);
                Offsets[0] = 0;
                break;
            default:
                _width = ArrowArrays.Width(type);
                _values = ResultBuffers.Rent(length * _width, out _data);
                break;
        }
    }

    /// <summary>Arrow utf8 offsets are 32-bit; a buffer adds alignment slack on top of the request.</summary>
    private const int MaxStringBytes = int.MaxValue - 1024;

    public IReadOnlyList<RowError> Errors => _errors;

    private Span<int> Offsets => MemoryMarshal.Cast<byte, int>(_offsetMemory.Span);

    /// <summary>Where a fixed-width root may write this chunk's values directly.</summary>
    public Memory<byte> Destination(int start, int length) => _width == 0 ? Memory<byte>.Empty : _values.Slice(start * _width, length * _width);

    /// <summary>The validity words, allocated when the first null arrives (rows before it are valid).</summary>
    private Span<ulong> Validity(int validRows)
    {
        if (_validity is null)
        {
            _validity = new byte[ChunkValue.Words(_length) * sizeof(ulong)];
            Bitmaps.SetAll(MemoryMarshal.Cast<byte, ulong>(_validity.AsSpan()), validRows);
        }
        return MemoryMarshal.Cast<byte, ulong>(_validity.AsSpan());
    }

    public void Append(ChunkValue v, int start, int length) => Append(v, start, length, _errors);

    /// <summary>Appends a chunk, recording its row errors in <paramref name="errors"/> (a thread's own list when chunks
    /// arrive concurrently; <see cref="AddErrors"/> then gathers them in row order).</summary>
    public void Append(ChunkValue v, int start, int length, List<RowError> errors)
    {
        int wordOffset = start >> 6;
        if (v.IsScalar)
        {
            AppendScalar(v.Scalar, start, length);
            if (v.Scalar is null) Validity(start).Slice(wordOffset, ChunkValue.Words(length)).Clear();
            else if (_validity is not null) Bitmaps.SetAll(Validity(start)[wordOffset..], length);
            return;
        }
        switch (_type)
        {
            case ExprType.Bool:
                Bitmaps.Store(v.Bits, length, MemoryMarshal.Cast<byte, ulong>(_data.AsSpan()), wordOffset);
                break;
            case ExprType.Utf8:
            {
                var offsets = v.OffsetSpan;
                var data = v.StringData.Span;
                int first = offsets[0];
                int bytes = offsets[length] - first;
                EnsureChars(bytes, start + length);
                data.Slice(first, bytes).CopyTo(_charMemory.Span[_charsUsed..]);
                int delta = _charsUsed - first;
                var dst = Offsets.Slice(start + 1, length);
                for (int i = 0; i < dst.Length; i++) dst[i] = offsets[i + 1] + delta;
                _charsUsed += bytes;
                break;
            }
            default:
            {
                var dst = _values.Span.Slice(start * _width, length * _width);
                var src = v.Data.Span[..(length * _width)];
                if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(dst), ref MemoryMarshal.GetReference(src))) src.CopyTo(dst);
                break;
            }
        }
        if (v.Validity is null)
        {
            if (_validity is not null) Bitmaps.SetAll(Validity(start)[wordOffset..], length);
        }
        else if (_validity is not null || !Bitmaps.AllSet(v.Validity, length))
        {
            Bitmaps.Store(v.Validity, length, Validity(start), wordOffset);
        }
        if (v.Errors is not null)
        {
            for (int row = 0; row < length; row++)
            {
                if (v.Errors[row] is { } msg)
                {
                    errors.Add(new RowError(start + row, msg));
                    Validity(start + length)[(start + row) >> 6] &= ~(1UL << (start + row));
                }
            }
        }
    }

    private void AppendScalar(object? value, int start, int length)
    {
        switch (_type)
        {
            case ExprType.Bool:
            {
                var words = MemoryMarshal.Cast<byte, ulong>(_data.AsSpan());
                if (value is true) Bitmaps.SetAll(words[(start >> 6)..], length);
                else words.Slice(start >> 6, ChunkValue.Words(length)).Clear();
                break;
            }
            case ExprType.Utf8:
            {
                var bytes = value is string s ? System.Text.Encoding.UTF8.GetBytes(s) : [];
                EnsureChars(bytes.Length * length, start + length);
                var chars = _charMemory.Span;
                var offsets = Offsets;
                for (int i = 0; i < length; i++)
                {
                    bytes.CopyTo(chars[_charsUsed..]);
                    _charsUsed += bytes.Length;
                    offsets[start + i + 1] = _charsUsed;
                }
                break;
            }
            case ExprType.Int32: MemoryMarshal.Cast<byte, int>(_values.Span.Slice(start * 4, length * 4)).Fill(value is int i32 ? i32 : 0); break;
            case ExprType.Float32: MemoryMarshal.Cast<byte, float>(_values.Span.Slice(start * 4, length * 4)).Fill(value is float f ? f : 0); break;
            case ExprType.Float64: MemoryMarshal.Cast<byte, double>(_values.Span.Slice(start * 8, length * 8)).Fill(value is double d ? d : 0); break;
            default:
                long l = value switch { long x => x, DateTime t => ArrowTime.TimestampToMicros(t), TimeSpan ts => ArrowTime.DurationToMicros(ts), _ => 0 };
                MemoryMarshal.Cast<byte, long>(_values.Span.Slice(start * 8, length * 8)).Fill(l);
                break;
        }
    }

    /// <summary>Room for <paramref name="extra"/> more bytes; the first size is extrapolated from the rows seen so far, so a
    /// uniform batch rents once instead of doubling (and copying) its way up.</summary>
    private void EnsureChars(int extra, int rowsAfter)
    {
        long needed = (long)_charsUsed + extra;
        if (needed <= _charMemory.Length) return;
        if (needed > MaxStringBytes) throw new InvalidOperationException($"a utf8 column of {_length} rows needs more than {MaxStringBytes} bytes.");
        // First rent: the average so far times the rows, plus an eighth for variation; later ones double.
        long estimate = _chars is null ? needed * _length / Math.Max(1, rowsAfter) * 9 / 8 : needed * 2;
        int size = (int)Math.Min(MaxStringBytes, Math.Max(Math.Max(estimate, needed), 1024));
        var memory = ResultBuffers.Rent(size, out var array);
        _charMemory.Span[.._charsUsed].CopyTo(memory.Span);
        if (_chars is not null) ResultBuffers.Return(_chars);
        _chars = array;
        _charMemory = memory;
    }

    /// <summary>Adds row errors recorded in another list; callers add the lists in row order.</summary>
    public void AddErrors(List<RowError> errors) => _errors.AddRange(errors);

    public IArrowArray Build()
    {
        int nulls = _validity is null ? 0 : _length - Bitmaps.PopCount(MemoryMarshal.Cast<byte, ulong>(_validity.AsSpan()), _length);
        // Validity allocated up front (concurrent appends) but never cleared: the array has no nulls and needs none.
        if (nulls == 0 && _validity is not null)
        {
            if (_validityRented) ResultBuffers.Return(_validity);
            _validity = null;
        }
        if (_type == ExprType.Utf8)
        {
            var offsets = ResultBuffers.Wrap(_offsetArray!, _offsetMemory);
            var chars = _chars is null ? ArrowBuffer.Empty : ResultBuffers.Wrap(_chars, _charMemory[.._charsUsed]);
            return ArrowArrays.Create(_type, _length, nulls, _validity, offsets, chars);
        }
        return _type == ExprType.Bool
            ? ArrowArrays.Create(_type, _length, nulls, _validity, _data)
            : ArrowArrays.Create(_type, _length, nulls, _validity, ResultBuffers.Wrap(_data, _values));
    }
}
