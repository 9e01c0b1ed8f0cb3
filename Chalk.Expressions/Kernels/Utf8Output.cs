using System.Numerics;
using System.Runtime.InteropServices;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// Writing a utf8 chunk result in two passes: first every row's end offset, then the bytes into a buffer sized once.
/// No per-row capacity check, and runs of consecutive rows from one source move with one copy.
/// </summary>
internal static unsafe class Utf8Output
{
    /// <summary>The result's own offsets (Length + 1 ints) for writing; offset 0 is set to 0.</summary>
    public static Span<int> BeginOffsets(ChunkValue result)
    {
        var offsets = MemoryMarshal.Cast<byte, int>(result.OwnedOffsetBytes.AsSpan())[..(result.Length + 1)];
        offsets[0] = 0;
        return offsets;
    }

    /// <summary>Publishes the result's own offsets with <paramref name="chars"/> as its bytes.</summary>
    public static void Finish(ChunkValue result, byte[] chars)
    {
        result.OffsetBytes = result.OwnedOffsetBytes;
        result.StringData = chars;
    }

    /// <summary>The first row at or after <paramref name="row"/> whose bit in <paramref name="take"/> is not <paramref name="bit"/> (or <paramref name="length"/>).</summary>
    public static int RunEnd(ReadOnlySpan<ulong> take, int row, int length, bool bit)
    {
        while (row < length)
        {
            int w = row >> 6;
            ulong differs = (bit ? ~take[w] : take[w]) & (ulong.MaxValue << (row & 63));
            if (differs != 0) return Math.Min(length, (w << 6) + BitOperations.TrailingZeroCount(differs));
            row = (w + 1) << 6;
        }
        return length;
    }

    /// <summary>dst = take ? a : b for utf8 rows (values only; the caller combines validity and errors).</summary>
    public static void Select(ChunkValue dst, ReadOnlySpan<ulong> take, ChunkValue a, ChunkValue b, int length)
    {
        var offsets = BeginOffsets(dst);
        Source sa = new(a), sb = new(b);
        for (int row = 0; row < length;)
        {
            bool fromA = (take[row >> 6] & (1UL << row)) != 0;
            int end = RunEnd(take, row, length, fromA);
            (fromA ? sa : sb).RunOffsets(offsets, row, end);
            row = end;
        }
        var chars = dst.OwnedChars(offsets[length] + ShortCopy.Slack);
        fixed (byte* output = chars)
        {
            for (int row = 0; row < length;)
            {
                bool fromA = (take[row >> 6] & (1UL << row)) != 0;
                int end = RunEnd(take, row, length, fromA);
                (fromA ? sa : sb).RunBytes(offsets, row, end, output);
                row = end;
            }
        }
        Finish(dst, chars);
    }

    /// <summary>One side of a select: an array (rows are contiguous in its data) or a scalar repeated.</summary>
    private readonly ref struct Source
    {
        private readonly ReadOnlySpan<int> _offsets;
        private readonly ReadOnlySpan<byte> _data;
        private readonly ReadOnlySpan<byte> _scalar;
        private readonly bool _isScalar;

        public Source(ChunkValue v)
        {
            _isScalar = v.IsScalar;
            if (_isScalar) _scalar = v.Utf8At(0);
            else
            {
                _offsets = MemoryMarshal.Cast<byte, int>(v.OffsetBytes.Span);
                _data = v.StringData.Span;
            }
        }

        public void RunOffsets(Span<int> dst, int from, int to)
        {
            int at = dst[from];
            if (_isScalar)
            {
                for (int i = from; i < to; i++) dst[i + 1] = at += _scalar.Length;
                return;
            }
            int delta = at - _offsets[from];
            for (int i = from; i < to; i++) dst[i + 1] = _offsets[i + 1] + delta;
        }

        /// <summary>Writes rows [from, to) at their offsets; the output has <see cref="ShortCopy.Slack"/> spare bytes.</summary>
        public void RunBytes(ReadOnlySpan<int> dst, int from, int to, byte* output)
        {
            if (_isScalar)
            {
                int n = _scalar.Length;
                if (n == 0) return;
                if (n > ShortCopy.Slack)
                {
                    for (int i = from; i < to; i++) _scalar.CopyTo(new Span<byte>(output + dst[i], n));
                    return;
                }
                Span<byte> padded = stackalloc byte[ShortCopy.Slack];
                _scalar.CopyTo(padded);
                fixed (byte* p = padded)
                {
                    for (int i = from; i < to; i++) ShortCopy.Copy(p, p + ShortCopy.Slack, output + dst[i], n);
                }
                return;
            }
            int start = _offsets[from];
            fixed (byte* data = _data)
            {
                ShortCopy.Copy(data + start, data + _data.Length, output + dst[from], _offsets[to] - start);
            }
        }
    }
}
