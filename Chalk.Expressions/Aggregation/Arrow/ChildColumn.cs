using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Aggregation;

/// <summary>One child expression evaluated over the whole child batch, viewed the way the aggregation loops read it.</summary>
/// <remarks>
/// Every type is read as a primitive span so one generic loop serves all of them: timestamps and durations as their
/// microseconds (<see cref="long"/>), bools as bytes (false &lt; true, as <see cref="Comparer{T}.Default"/>), strings
/// as dense ranks. Spans values compare as LINQ's <see cref="Comparer{T}.Default"/> compares the values (strings under
/// the column's collation: the query's current culture for values and keys, ordinal for the primary key), so
/// comparisons and MinBy never box; Distinct reads <see cref="DistinctIds"/>, which are exact (ordinal for strings).
/// </remarks>
internal sealed class ChildColumn
{
    private byte[]? _bools;
    private readonly System.Globalization.CompareInfo? _collation;
    private int[]? _ranks;
    private int[]? _ordinalRanks;
    private ulong[]? _pass;
    private int[]? _ids;

    /// <param name="type">The IR type of the values.</param>
    /// <param name="array">The evaluated values.</param>
    /// <param name="errors">The rows where the expression failed.</param>
    /// <param name="collation">How strings order: a culture's collation (LINQ's default comparer under that culture), or
    /// <see langword="null"/> for ordinal order (the primary key's, which defines the order of a parent's rows).</param>
    public ChildColumn(ExprType type, IArrowArray array, IReadOnlyList<RowError> errors, System.Globalization.CompareInfo? collation)
    {
        Type = type;
        _collation = collation;
        Array = array;
        Errors = ChildErrors.From(errors, array.Length);
        if (array.NullCount > 0)
        {
            Validity = new ulong[ChunkValue.Words(array.Length)];
            if (array.Data.Buffers[0].IsEmpty) Bitmaps.ClearAll(Validity, array.Length);
            else Bitmaps.Load(array.Data.Buffers[0].Span, array.Data.Offset, array.Length, Validity);
        }
    }

    public ExprType Type { get; }

    /// <summary>The evaluated values (a failed row is null), for copying chosen rows to the output.</summary>
    public IArrowArray Array { get; }

    /// <summary>Validity words; null when no row is null.</summary>
    public ulong[]? Validity { get; }

    /// <summary>The rows where the expression failed; null when none did.</summary>
    public ChildErrors? Errors { get; }

    public bool IsValid(int row) => Validity is null || (Validity[row >> 6] & (1UL << row)) != 0;

    /// <summary>For a bool column: true and not null, one bit per row (a filter's "row passes").</summary>
    public ulong[] PassBits()
    {
        if (_pass is not null) return _pass;
        var bool_ = (BooleanArray)Array;
        var bits = new ulong[ChunkValue.Words(Array.Length)];
        Bitmaps.Load(bool_.ValueBuffer.Span, bool_.Offset, Array.Length, bits);
        if (Validity is not null)
        {
            for (int w = 0; w < bits.Length; w++) bits[w] &= Validity[w];
        }
        return _pass = bits;
    }

    /// <summary>The values as the primitive type the loops compare: see the remarks for the mapping.</summary>
    /// <typeparam name="T">int for int32 and utf8 (ranks), long for int64/timestamp/duration, float, double, byte for bool.</typeparam>
    public ReadOnlySpan<T> Keys<T>() where T : unmanaged
    {
        switch (Type)
        {
            case ExprType.Bool:
                return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(_bools ??= BoolBytes((BooleanArray)Array));
            case ExprType.Utf8:
                return System.Runtime.InteropServices.MemoryMarshal.Cast<int, T>(_ranks ??= Utf8Ordinal.Ranks((StringArray)Array, Validity, _collation));
            default:
                return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(Array.Data.Buffers[1].Span).Slice(Array.Data.Offset, Array.Length);
        }
    }

    /// <summary>
    /// Per row, an id shared exactly by the rows whose values LINQ's <c>Distinct</c> treats as equal
    /// (<see cref="EqualityComparer{T}.Default"/>: NaN equals NaN, 0.0 equals -0.0; strings ordinal); -1 for null.
    /// </summary>
    public int[] DistinctIds() => _ids ??= Type switch
    {
        ExprType.Int32 => Ids(Keys<int>()),
        // A culture's ranks tie distinct strings; LINQ's Distinct compares strings ordinally.
        ExprType.Utf8 => Ids<int>(_collation is null ? Keys<int>() : _ordinalRanks ??= Utf8Ordinal.Ranks((StringArray)Array, Validity)),
        ExprType.Float32 => Ids(Keys<float>()),
        ExprType.Float64 => Ids(Keys<double>()),
        ExprType.Bool => Ids(Keys<byte>()),
        _ => Ids(Keys<long>()),
    };

    private int[] Ids<T>(ReadOnlySpan<T> keys) where T : unmanaged, IEquatable<T>
    {
        var ids = new int[keys.Length];
        var map = new Dictionary<T, int>();
        for (int i = 0; i < ids.Length; i++)
        {
            if (!IsValid(i))
            {
                ids[i] = -1;
            }
            else if (!map.TryGetValue(keys[i], out ids[i]))
            {
                ids[i] = map.Count;
                map.Add(keys[i], ids[i]);
            }
        }
        return ids;
    }

    private static byte[] BoolBytes(BooleanArray array)
    {
        var bytes = new byte[array.Length];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = array.GetValue(i) == true ? (byte)1 : (byte)0;
        return bytes;
    }
}
