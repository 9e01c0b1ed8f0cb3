using System.Buffers;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// Writes utf8 rows that each choose one of several values, where a value is the concatenation of its operands (a
/// plain value is one operand): each row's chosen pieces are written once, at their final place.
/// </summary>
/// <remarks>
/// Values only: the caller sets validity and errors. A null row of an array operand contributes nothing. Two passes,
/// as in <see cref="ConcatKernel"/>: row lengths into the offsets, then the bytes (see <see cref="ShortCopy"/>).
/// </remarks>
internal static unsafe class Utf8Choice
{
    /// <param name="dst">The result.</param>
    /// <param name="choice">Per row, the index of the value it takes.</param>
    /// <param name="operands">Every value's operands, value after value.</param>
    /// <param name="firstOperand">Value k's operands are <c>operands[firstOperand[k]..firstOperand[k + 1]]</c>.</param>
    /// <param name="length">The rows.</param>
    public static void Write(ChunkValue dst, ReadOnlySpan<int> choice, ChunkValue[] operands, int[] firstOperand, int length)
    {
        var offsets = Utf8Output.BeginOffsets(dst);
        var pieces = new Utf8Piece[operands.Length];
        var handles = new MemoryHandle[operands.Length * 3];
        try
        {
            for (int j = 0; j < operands.Length; j++) pieces[j] = Utf8Piece.Pin(operands[j], handles.AsSpan(j * 3, 3));
            fixed (Utf8Piece* p = pieces)
            fixed (int* o = offsets)
            fixed (int* first = firstOperand)
            fixed (int* chosen = choice)
            {
                for (int row = 0; row < length; row++)
                {
                    int n = 0;
                    for (int j = first[chosen[row]], end = first[chosen[row] + 1]; j < end; j++)
                    {
                        ref Utf8Piece piece = ref p[j];
                        if (piece.IsScalar) n += piece.ScalarLength;
                        else if (piece.Validity is null || (piece.Validity[row >> 6] & (1UL << row)) != 0) n += piece.Offsets[row + 1] - piece.Offsets[row];
                    }
                    o[row + 1] = o[row] + n;
                }
                var chars = dst.OwnedChars(o[length] + ShortCopy.Slack);
                fixed (byte* output = chars)
                {
                    for (int row = 0; row < length; row++)
                    {
                        byte* at = output + o[row];
                        for (int j = first[chosen[row]], end = first[chosen[row] + 1]; j < end; j++)
                        {
                            ref Utf8Piece piece = ref p[j];
                            if (piece.IsScalar)
                            {
                                ShortCopy.Copy(piece.Data, piece.DataLimit, at, piece.ScalarLength);
                                at += piece.ScalarLength;
                                continue;
                            }
                            if (piece.Validity is not null && (piece.Validity[row >> 6] & (1UL << row)) == 0) continue;
                            int start = piece.Offsets[row];
                            int n = piece.Offsets[row + 1] - start;
                            ShortCopy.Copy(piece.Data + start, piece.DataLimit, at, n);
                            at += n;
                        }
                    }
                }
                Utf8Output.Finish(dst, chars);
            }
        }
        finally
        {
            foreach (var h in handles) h.Dispose();
        }
    }
}
