using System.Buffers;
using System.Runtime.InteropServices;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// <c>string.Concat</c> of any number of operands (a chain <c>a + b + c</c> is compiled into one): a null operand
/// counts as empty, so the result is never null.
/// </summary>
/// <remarks>
/// Two passes: the row lengths are summed operand by operand into the offsets, then each row's pieces are written
/// left to right at their final place (see <see cref="ShortCopy"/>), so there is neither an intermediate string per
/// link of the chain nor a capacity check per row.
/// </remarks>
internal sealed unsafe class ConcatKernel : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        int length = result.Length;
        var offsets = Utf8Output.BeginOffsets(result);
        SumLengths(args, offsets, length);
        var chars = result.OwnedChars(offsets[length] + ShortCopy.Slack);
        var pieces = new Utf8Piece[args.Length];
        var handles = new MemoryHandle[args.Length * 3];
        try
        {
            for (int k = 0; k < args.Length; k++) pieces[k] = Utf8Piece.Pin(args[k], handles.AsSpan(k * 3, 3));
            fixed (Utf8Piece* p = pieces)
            fixed (int* outOffsets = offsets)
            fixed (byte* output = chars)
            {
                WriteRows(p, args.Length, outOffsets, output, length);
            }
        }
        finally
        {
            foreach (var h in handles) h.Dispose();
        }
        Utf8Output.Finish(result, chars);
        result.Validity = null;
    }

    /// <summary>offsets[i + 1] = the end of row i: each operand's length (0 when null) summed, then a running sum.</summary>
    private static void SumLengths(ChunkValue[] args, Span<int> offsets, int length)
    {
        var ends = offsets[1..];
        ends.Clear();
        foreach (var x in args)
        {
            if (x.IsScalar)
            {
                int n = x.Utf8At(0).Length;
                for (int i = 0; n != 0 && i < ends.Length; i++) ends[i] += n;
                continue;
            }
            var o = MemoryMarshal.Cast<byte, int>(x.OffsetBytes.Span)[..(length + 1)];
            var validity = x.Validity;
            for (int i = 0; i < length; i++)
            {
                // Null rows count as empty whatever bytes their slot spans.
                int n = o[i + 1] - o[i];
                ends[i] += validity is null || (validity[i >> 6] & (1UL << i)) != 0 ? n : 0;
            }
        }
        for (int i = 1; i < ends.Length; i++) ends[i] += ends[i - 1];
    }

    private static void WriteRows(Utf8Piece* pieces, int count, int* offsets, byte* output, int length)
    {
        for (int i = 0; i < length; i++)
        {
            byte* dst = output + offsets[i];
            for (int k = 0; k < count; k++)
            {
                ref Utf8Piece p = ref pieces[k];
                if (p.IsScalar)
                {
                    ShortCopy.Copy(p.Data, p.DataLimit, dst, p.ScalarLength);
                    dst += p.ScalarLength;
                    continue;
                }
                if (p.Validity is not null && (p.Validity[i >> 6] & (1UL << i)) == 0) continue;
                int start = p.Offsets[i];
                int n = p.Offsets[i + 1] - start;
                ShortCopy.Copy(p.Data + start, p.DataLimit, dst, n);
                dst += n;
            }
        }
    }
}
