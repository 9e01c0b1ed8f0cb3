using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Execution.Arrow;

/// <summary>Joins a source's result batches' columns into one array held in managed memory.</summary>
/// <remarks>
/// <see cref="ArrowArrayConcatenator"/> allocates native memory that nothing disposes here, so it is freed by
/// finalizers: at a million fetched rows that freeing (and first-touching the fresh pages) was a quarter of a
/// has-many query. Fixed-width columns (numbers, timestamps), strings and bools are copied into GC arrays; any other
/// type goes to the concatenator.
/// </remarks>
internal static class ManagedConcat
{
    /// <summary>The parts as one array, equal value for value and null for null, of the same type.</summary>
    public static IArrowArray Concatenate(IReadOnlyList<IArrowArray> parts)
    {
        if (parts.Count == 1) return parts[0];
        var type = parts[0].Data.DataType;
        return type switch
        {
            StringType => Strings(parts, type),
            BooleanType => Booleans(parts, type),
            FixedWidthType { BitWidth: 8 or 16 or 32 or 64 } fixedWidth when parts.All(p => p.Data.Buffers.Length == 2) => Fixed(parts, type, fixedWidth.BitWidth / 8),
            _ => ArrowArrayConcatenator.Concatenate(parts),
        };
    }

    private static IArrowArray Fixed(IReadOnlyList<IArrowArray> parts, IArrowType type, int width)
    {
        int length = parts.Sum(p => p.Length);
        var values = GC.AllocateUninitializedArray<byte>(checked(length * width));
        var validity = Validity(parts, length, out int nulls);
        int at = 0;
        foreach (var p in parts)
        {
            p.Data.Buffers[1].Span.Slice(p.Data.Offset * width, p.Length * width).CopyTo(values.AsSpan(at));
            at += p.Length * width;
        }
        return ArrowArrayFactory.BuildArray(new ArrayData(type, length, nulls, 0, [validity, new ArrowBuffer(values)]));
    }

    private static IArrowArray Strings(IReadOnlyList<IArrowArray> parts, IArrowType type)
    {
        int length = parts.Sum(p => p.Length);
        long total = 0;
        foreach (StringArray s in parts) total += s.ValueOffsets[s.Length] - s.ValueOffsets[0];
        var offsets = GC.AllocateUninitializedArray<byte>(checked((length + 1) * sizeof(int)));
        var ends = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(offsets.AsSpan());
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)total));
        var validity = Validity(parts, length, out int nulls);
        int row = 0, end = 0;
        ends[0] = 0;
        foreach (StringArray s in parts)
        {
            var sourceOffsets = s.ValueOffsets;
            int first = sourceOffsets[0], size = sourceOffsets[s.Length] - first;
            s.Values.Slice(first, size).CopyTo(bytes.AsSpan(end));
            for (int i = 0; i < s.Length; i++) ends[row + i + 1] = end + sourceOffsets[i + 1] - first;
            row += s.Length;
            end += size;
        }
        return ArrowArrayFactory.BuildArray(new ArrayData(type, length, nulls, 0, [validity, new ArrowBuffer(offsets), new ArrowBuffer(bytes)]));
    }

    private static IArrowArray Booleans(IReadOnlyList<IArrowArray> parts, IArrowType type)
    {
        int length = parts.Sum(p => p.Length);
        var bits = new byte[(length + 7) / 8];
        var validity = Validity(parts, length, out int nulls);
        int row = 0;
        foreach (var p in parts)
        {
            CopyBits(p.Data.Buffers[1].Span, p.Data.Offset, bits, row, p.Length);
            row += p.Length;
        }
        return ArrowArrayFactory.BuildArray(new ArrayData(type, length, nulls, 0, [validity, new ArrowBuffer(bits)]));
    }

    // The parts' null bitmaps in one, or an empty buffer when no part has a null.
    private static ArrowBuffer Validity(IReadOnlyList<IArrowArray> parts, int length, out int nulls)
    {
        nulls = parts.Sum(p => p.NullCount);
        if (nulls == 0) return ArrowBuffer.Empty;
        var bits = new byte[(length + 7) / 8];
        int row = 0;
        foreach (var p in parts)
        {
            if (p.NullCount == 0) SetBits(bits, row, p.Length);
            else CopyBits(p.Data.Buffers[0].Span, p.Data.Offset, bits, row, p.Length);
            row += p.Length;
        }
        return new ArrowBuffer(bits);
    }

    private static void CopyBits(ReadOnlySpan<byte> source, int sourceBit, byte[] target, int targetBit, int count)
    {
        if ((sourceBit & 7) == 0 && (targetBit & 7) == 0)
        {
            int whole = count >> 3;
            source.Slice(sourceBit >> 3, whole).CopyTo(target.AsSpan(targetBit >> 3));
            sourceBit += whole << 3;
            targetBit += whole << 3;
            count -= whole << 3;
        }
        for (int i = 0; i < count; i++)
        {
            int s = sourceBit + i, t = targetBit + i;
            if ((source[s >> 3] & (1 << (s & 7))) != 0) target[t >> 3] |= (byte)(1 << (t & 7));
        }
    }

    private static void SetBits(byte[] target, int targetBit, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int t = targetBit + i;
            target[t >> 3] |= (byte)(1 << (t & 7));
        }
    }
}
