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
    /// <summary>One operand, pinned for the chunk: an array's offsets, bytes and validity, or a scalar's bytes.</summary>
    private struct Piece
    {
        public int* Offsets;
        public byte* Data;
        public byte* DataLimit;
        public ulong* Validity;
        public int ScalarLength;
        public bool IsScalar;
    }

    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        int length = result.Length;
        var offsets = Utf8Output.BeginOffsets(result);
        SumLengths(args, offsets, length);
        var chars = result.OwnedChars(offsets[length] + ShortCopy.Slack);
        var pieces = new Piece[args.Length];
        var handles = new MemoryHandle[args.Length * 3];
        try
        {
            for (int k = 0; k < args.Length; k++) pieces[k] = Pin(args[k], handles.AsSpan(k * 3, 3));
            fixed (Piece* p = pieces)
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

    private static Piece Pin(ChunkValue x, Span<MemoryHandle> handles)
    {
        if (x.IsScalar)
        {
            // Padded so a short scalar is also one vector copy.
            var bytes = x.Utf8At(0);
            var padded = new byte[bytes.Length + ShortCopy.Slack];
            bytes.CopyTo(padded);
            handles[0] = padded.AsMemory().Pin();
            return new Piece { IsScalar = true, Data = (byte*)handles[0].Pointer, DataLimit = (byte*)handles[0].Pointer + padded.Length, ScalarLength = bytes.Length };
        }
        handles[0] = x.OffsetBytes.Pin();
        handles[1] = x.StringData.Pin();
        if (x.Validity is not null) handles[2] = x.Validity.AsMemory().Pin();
        return new Piece
        {
            Offsets = (int*)handles[0].Pointer,
            Data = (byte*)handles[1].Pointer,
            DataLimit = (byte*)handles[1].Pointer + x.StringData.Length,
            Validity = (ulong*)handles[2].Pointer,
        };
    }

    private static void WriteRows(Piece* pieces, int count, int* offsets, byte* output, int length)
    {
        for (int i = 0; i < length; i++)
        {
            byte* dst = output + offsets[i];
            for (int k = 0; k < count; k++)
            {
                ref Piece p = ref pieces[k];
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
