using System.Runtime.InteropServices;

namespace Chalk.Expressions.Kernels;

/// <summary>The value of one compiled step over one chunk of rows: either a scalar or an array view.</summary>
/// <remarks>
/// Layout of an array value (bit <c>i</c> of a bitmap is row <c>i</c> of the chunk, bits past
/// <see cref="Length"/> are zero):
/// <code>
///   fixed width  Data (Length × sizeof(T) bytes, may point straight into an Arrow buffer)
///   bool         Bits (ulong words, owned)
///   utf8         Offsets (Length + 1 ints, absolute into StringData) + StringData
///   all          Validity (ulong words; null = every row valid) + Errors (per row, null = none)
/// </code>
/// </remarks>
internal sealed class ChunkValue
{
    private Memory<byte> _ownedData;
    private ulong[]? _ownedBits;
    private ulong[]? _ownedValidity;
    private byte[]? _ownedOffsets;
    private byte[]? _ownedChars;

    public ChunkValue(ExprType type, int capacity)
    {
        Type = type;
        Capacity = capacity;
    }

    public ExprType Type { get; }

    public int Capacity { get; }

    public int Length { get; set; }

    public bool IsScalar { get; private set; }

    /// <summary>The boxed scalar (null for a null scalar) when <see cref="IsScalar"/>.</summary>
    public object? Scalar { get; private set; }

    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>When set, <see cref="WritableValues{T}"/> writes here (the final output buffer) instead of an own buffer.</summary>
    public Memory<byte> Redirect { get; set; }

    public ulong[] Bits => _ownedBits ??= new ulong[Words(Capacity)];

    /// <summary>Validity words; null means every row is valid.</summary>
    public ulong[]? Validity { get; set; }

    /// <summary>utf8: Length + 1 offsets (as bytes of ints), absolute into <see cref="StringData"/>.</summary>
    public ReadOnlyMemory<byte> OffsetBytes { get; set; }

    public ReadOnlySpan<int> OffsetSpan => MemoryMarshal.Cast<byte, int>(OffsetBytes.Span)[..(Length + 1)];

    public ReadOnlySpan<byte> StringAt(int row)
    {
        var o = MemoryMarshal.Cast<byte, int>(OffsetBytes.Span);
        return StringData.Span[o[row]..o[row + 1]];
    }

    public ReadOnlyMemory<byte> StringData { get; set; }

    /// <summary>Per-row error messages; null when no row failed.</summary>
    public string?[]? Errors { get; set; }

    public static int Words(int bits) => (bits + 63) >> 6;

    private bool _broadcastFilled;
    private byte[]? _scalarUtf8;

    /// <summary>The UTF-8 bytes of row <paramref name="row"/> (a scalar string is encoded once; null reads as empty).</summary>
    public ReadOnlySpan<byte> Utf8At(int row)
    {
        if (!IsScalar) return StringAt(row);
        return _scalarUtf8 ??= Scalar is string s ? System.Text.Encoding.UTF8.GetBytes(s) : [];
    }
    private ulong[]? _zeros;

    public void SetScalar(object? value, int length)
    {
        if (!IsScalar || !Equals(Scalar, value))
        {
            _broadcastFilled = false;
            _scalarUtf8 = null;
        }
        IsScalar = true;
        Scalar = value;
        Length = length;
        Validity = null;
        Errors = null;
    }

    /// <summary>Validity including scalars: a null scalar is all-invalid, a non-null scalar all-valid (null).</summary>
    public ulong[]? EffectiveValidity => IsScalar ? (Scalar is null ? (_zeros ??= new ulong[Words(Capacity)]) : null) : Validity;

    /// <summary>The values, with a scalar broadcast to the chunk capacity once (cached while the scalar is unchanged).</summary>
    public ReadOnlySpan<T> ValuesOrBroadcast<T>() where T : unmanaged
    {
        if (!IsScalar) return Values<T>();
        if (!_broadcastFilled)
        {
            int bytes = Capacity * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            if (_ownedData.Length < bytes) _ownedData = AlignedBuffers.AllocatePinned(bytes);
            MemoryMarshal.Cast<byte, T>(_ownedData.Span).Fill(Scalar is null ? default : Unbox<T>(Scalar));
            _broadcastFilled = true;
        }
        Data = _ownedData;
        return MemoryMarshal.Cast<byte, T>(_ownedData.Span)[..Length];
    }

    /// <summary>Bool values, with a scalar broadcast.</summary>
    public ReadOnlySpan<ulong> BitsOrBroadcast()
    {
        if (IsScalar && !_broadcastFilled)
        {
            if (Scalar is true) Bitmaps.SetAll(Bits, Capacity);
            else Array.Clear(Bits);
            _broadcastFilled = true;
        }
        return Bits;
    }

    /// <summary>The scalar as the lane type <typeparamref name="T"/>, reinterpreting float bits when a select works on integer lanes.</summary>
    private static T Unbox<T>(object value) where T : unmanaged
    {
        if (value is T same) return same;
        long bits = value switch
        {
            int i => i,
            long l => l,
            float f => BitConverter.SingleToInt32Bits(f),
            double d => BitConverter.DoubleToInt64Bits(d),
            DateTime d => ArrowTime.TimestampToMicros(d),
            TimeSpan t => ArrowTime.DurationToMicros(t),
            _ => throw new ChalkInternalException($"cannot broadcast {value.GetType().Name}"),
        };
        return System.Runtime.CompilerServices.Unsafe.As<long, T>(ref bits);
    }

    /// <summary>Makes <see cref="Validity"/> this value's own array (copying a shared one) so it can be modified.</summary>
    public ulong[] MutableValidity()
    {
        var own = OwnedValidity;
        if (ReferenceEquals(Validity, own)) return own;
        if (Validity is null) Bitmaps.SetAll(own, Length);
        else Array.Copy(Validity, own, Words(Length));
        Validity = own;
        return own;
    }

    public void ResetArray(int length)
    {
        IsScalar = false;
        Scalar = null;
        Length = length;
        Validity = null;
        Errors = null;
    }

    public ReadOnlySpan<T> Values<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Data.Span)[..Length];

    /// <summary>Points <see cref="Data"/> at this value's own buffer and returns it for writing.</summary>
    public Span<T> WritableValues<T>() where T : unmanaged
    {
        if (!Redirect.IsEmpty)
        {
            Data = Redirect;
            return MemoryMarshal.Cast<byte, T>(Redirect.Span)[..Length];
        }
        int bytes = Capacity * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (_ownedData.Length < bytes) _ownedData = AlignedBuffers.AllocatePinned(bytes);
        Data = _ownedData;
        return MemoryMarshal.Cast<byte, T>(_ownedData.Span)[..Length];
    }

    /// <summary>This value's own validity words, for writing (contents undefined).</summary>
    public ulong[] OwnedValidity => _ownedValidity ??= new ulong[Words(Capacity)];

    /// <summary>This value's own offsets buffer ((Capacity + 1) ints as bytes).</summary>
    public byte[] OwnedOffsetBytes => _ownedOffsets ??= new byte[(Capacity + 1) * sizeof(int)];

    public byte[] OwnedChars(int minimum)
    {
        if (_ownedChars is null || _ownedChars.Length < minimum)
            _ownedChars = new byte[Math.Max(minimum, Math.Max(1024, (_ownedChars?.Length ?? 0) * 2))];
        return _ownedChars;
    }

    private int[]? _scratch;

    /// <summary>Per-row int scratch for a kernel's own use within one call (contents undefined).</summary>
    public Span<int> Scratch(int length) => (_scratch ??= new int[Capacity + 1]).AsSpan(0, length);

    public bool IsValid(int row) => Validity is null || (Validity[row >> 6] & (1UL << row)) != 0;

    public bool BitAt(int row) => (Bits[row >> 6] & (1UL << row)) != 0;

    public void SetError(int row, string message)
    {
        Errors ??= new string?[Capacity];
        Errors[row] ??= message;
    }

    public void ClearErrors()
    {
        if (Errors is not null) Array.Clear(Errors, 0, Length);
        Errors = null;
    }

    /// <summary>
    /// Drops what this value points at outside its own buffers (input columns, the result being built, row
    /// errors) once an evaluation is done, so a kept evaluation state holds neither the caller's batch nor its
    /// result alive; the own buffers (and a broadcast scalar) stay for the next evaluation.
    /// </summary>
    public void Release()
    {
        Data = default;
        Redirect = default;
        OffsetBytes = default;
        StringData = default;
        Validity = null;
        Errors = null;
    }
}
