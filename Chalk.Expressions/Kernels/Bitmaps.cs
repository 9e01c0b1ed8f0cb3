using System.Buffers.Binary;
using System.Numerics;

namespace Chalk.Expressions.Kernels;

/// <summary>The validity kernel: bitmaps combined 64 rows at a time, with all-valid (null) and none-valid fast paths.</summary>
/// <remarks>A null bitmap means "every row valid"; bits past the length are kept zero.</remarks>
internal static class Bitmaps
{
    /// <summary>Mask of the valid bits in the last word of a <paramref name="length"/>-bit bitmap.</summary>
    public static ulong TailMask(int length) => (length & 63) == 0 ? ulong.MaxValue : (1UL << (length & 63)) - 1;

    /// <summary>AND of two validity bitmaps; returns one of the inputs when the other is all-valid (no copy).</summary>
    public static ulong[]? And(ulong[]? a, ulong[]? b, ulong[] dst, int length)
    {
        if (a is null) return b;
        if (b is null) return a;
        int words = ChunkValue.Words(length);
        for (int w = 0; w < words; w++) dst[w] = a[w] & b[w];
        return dst;
    }

    /// <summary>Sets <paramref name="dst"/> to all ones over <paramref name="length"/> bits.</summary>
    public static void SetAll(Span<ulong> dst, int length)
    {
        int words = ChunkValue.Words(length);
        dst[..words].Fill(ulong.MaxValue);
        if (words > 0) dst[words - 1] = TailMask(length);
    }

    public static void ClearAll(Span<ulong> dst, int length) => dst[..ChunkValue.Words(length)].Clear();

    /// <summary>Whether every one of the first <paramref name="length"/> bits is set.</summary>
    public static bool AllSet(ReadOnlySpan<ulong> bits, int length)
    {
        int full = length >> 6;
        for (int w = 0; w < full; w++)
        {
            if (bits[w] != ulong.MaxValue) return false;
        }
        return (length & 63) == 0 || (bits[full] & TailMask(length)) == TailMask(length);
    }

    /// <summary>Whether none of the first <paramref name="length"/> bits is set.</summary>
    public static bool NoneSet(ReadOnlySpan<ulong> bits, int length)
    {
        int words = ChunkValue.Words(length);
        for (int w = 0; w < words; w++)
        {
            if (bits[w] != 0) return false;
        }
        return true;
    }

    public static int PopCount(ReadOnlySpan<ulong> bits, int length)
    {
        int words = ChunkValue.Words(length);
        int n = 0;
        for (int w = 0; w < words; w++) n += BitOperations.PopCount(bits[w]);
        return n;
    }

    /// <summary>
    /// Copies <paramref name="length"/> bits starting at bit <paramref name="bitOffset"/> of an Arrow bitmap
    /// (LSB-first bytes) into word-aligned <paramref name="dst"/>. Arrow's bitmaps are not offset-adjusted
    /// for slices, so <paramref name="bitOffset"/> includes the array's own offset.
    /// </summary>
    public static void Load(ReadOnlySpan<byte> bitmap, int bitOffset, int length, Span<ulong> dst)
    {
        int words = ChunkValue.Words(length);
        int shift = bitOffset & 7;
        int byteBase = bitOffset >> 3;
        for (int w = 0; w < words; w++)
        {
            int at = byteBase + (w << 3);
            ulong lo = ReadWord(bitmap, at);
            ulong word = shift == 0 ? lo : (lo >> shift) | ((ulong)ReadByte(bitmap, at + 8) << (64 - shift));
            dst[w] = word;
        }
        if (words > 0) dst[words - 1] &= TailMask(length);
    }

    private static ulong ReadWord(ReadOnlySpan<byte> bytes, int at)
    {
        if (at + 8 <= bytes.Length) return BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]);
        ulong v = 0;
        for (int k = 0; k < 8 && at + k < bytes.Length; k++) v |= (ulong)bytes[at + k] << (8 * k);
        return v;
    }

    private static byte ReadByte(ReadOnlySpan<byte> bytes, int at) => at < bytes.Length ? bytes[at] : (byte)0;

    /// <summary>Writes word-aligned chunk bits into a destination bitmap at a word offset.</summary>
    public static void Store(ReadOnlySpan<ulong> src, int length, Span<ulong> dst, int wordOffset)
    {
        int words = ChunkValue.Words(length);
        src[..words].CopyTo(dst[wordOffset..]);
        if (words > 0) dst[wordOffset + words - 1] &= TailMask(length);
    }
}
