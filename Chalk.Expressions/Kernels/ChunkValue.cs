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
    private byte[]? _ownedData;
    private ulong[]? _ownedBits;
    private ulong[]? _ownedValidity;
    private int[]? _ownedOffsets;
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

    public ulong[] Bits => _ownedBits ??= new ulong[Words(Capacity)];

    /// <summary>Validity words; null means every row is valid.</summary>
    public ulong[]? Validity { get; set; }

    public ReadOnlyMemory<int> Offsets { get; set; }

    public ReadOnlyMemory<byte> StringData { get; set; }

    /// <summary>Per-row error messages; null when no row failed.</summary>
    public string?[]? Errors { get; set; }

    public static int Words(int bits) => (bits + 63) >> 6;

    public void SetScalar(object? value, int length)
    {
        IsScalar = true;
        Scalar = value;
        Length = length;
        Validity = null;
        Errors = null;
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
        int bytes = Capacity * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (_ownedData is null || _ownedData.Length < bytes) _ownedData = GC.AllocateUninitializedArray<byte>(bytes);
        Data = _ownedData;
        return MemoryMarshal.Cast<byte, T>(_ownedData.AsSpan())[..Length];
    }

    /// <summary>This value's own validity words, for writing (contents undefined).</summary>
    public ulong[] OwnedValidity => _ownedValidity ??= new ulong[Words(Capacity)];

    public int[] OwnedOffsets => _ownedOffsets ??= new int[Capacity + 1];

    public byte[] OwnedChars(int minimum)
    {
        if (_ownedChars is null || _ownedChars.Length < minimum)
            _ownedChars = new byte[Math.Max(minimum, Math.Max(1024, (_ownedChars?.Length ?? 0) * 2))];
        return _ownedChars;
    }

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
}
