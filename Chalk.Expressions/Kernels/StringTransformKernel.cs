using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Chalk.Expressions.Kernels;

/// <summary>A UTF-16 → UTF-16 transform (upper, lower, trim) over utf8 rows.</summary>
/// <remarks>
/// When a chunk's bytes are all ASCII (checked once, vectorized) the transform works on the bytes: upper/lower
/// convert the whole chunk in one call and keep its row boundaries, trim moves unchanged runs of rows with one
/// copy (and nothing at all when no row changes). ASCII casing is exactly <see cref="string.ToUpperInvariant"/>'s
/// and <see cref="string.ToLowerInvariant"/>'s on ASCII, and <see cref="AsciiText"/>'s white space is exactly
/// <see cref="char.IsWhiteSpace(char)"/>'s ASCII set. Other chunks go row by row through .NET's UTF-16 methods.
/// </remarks>
internal sealed class StringTransformKernel(StringTransform transform) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0];
        if (!x.IsScalar)
        {
            var offsets = MemoryMarshal.Cast<byte, int>(x.OffsetBytes.Span)[..(result.Length + 1)];
            var bytes = x.StringData.Span[offsets[0]..offsets[^1]];
            // Null rows' slots are included: whatever they hold, they stay null.
            if (Ascii.IsValid(bytes))
            {
                if (transform == StringTransform.Trim) TrimAscii(x, offsets, result);
                else CaseAscii(x, offsets, bytes, result, transform == StringTransform.Upper);
                return;
            }
        }
        PerRow(x, result);
    }

    private static void CaseAscii(ChunkValue x, ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, ChunkValue result, bool upper)
    {
        var chars = result.OwnedChars(bytes.Length);
        if (upper) Ascii.ToUpper(bytes, chars, out _);
        else Ascii.ToLower(bytes, chars, out _);
        result.StringData = chars;
        int first = offsets[0];
        if (first == 0)
        {
            // Same lengths, same boundaries: the input's offsets serve as they are.
            result.OffsetBytes = x.OffsetBytes;
            return;
        }
        var dst = Utf8Output.BeginOffsets(result);
        for (int i = 1; i < dst.Length; i++) dst[i] = offsets[i] - first;
        result.OffsetBytes = result.OwnedOffsetBytes;
    }

    private static void TrimAscii(ChunkValue x, ReadOnlySpan<int> offsets, ChunkValue result)
    {
        var data = x.StringData.Span;
        int length = result.Length;
        var dst = Utf8Output.BeginOffsets(result);
        byte[]? chars = null;
        int used = 0;
        // Rows the trim leaves alone accumulate into a run [runFrom, current row's start) copied in one go.
        int runFrom = offsets[0];
        for (int i = 0; i < length; i++)
        {
            int s = offsets[i], e = offsets[i + 1];
            int ts = s, te = e;
            while (ts < te && AsciiText.IsWhiteSpaceByte(data[ts])) ts++;
            while (te > ts && AsciiText.IsWhiteSpaceByte(data[te - 1])) te--;
            if (ts == s && te == e)
            {
                dst[i + 1] = used + (e - runFrom);
                continue;
            }
            chars ??= result.OwnedChars(offsets[length] - offsets[0]);
            data[runFrom..s].CopyTo(chars.AsSpan(used));
            used += s - runFrom;
            data[ts..te].CopyTo(chars.AsSpan(used));
            used += te - ts;
            dst[i + 1] = used;
            runFrom = e;
        }
        if (chars is null)
        {
            // No row changed: the result is the input.
            result.OffsetBytes = x.OffsetBytes;
            result.StringData = x.StringData;
            return;
        }
        data[runFrom..offsets[length]].CopyTo(chars.AsSpan(used));
        Utf8Output.Finish(result, chars);
    }

    private void PerRow(ChunkValue x, ChunkValue result)
    {
        var app = new Utf8Appender(result);
        var validity = result.Validity;
        var rows = new Utf8Rows(x);
        char[] src = Utf16.RentBuffer(), dst = Utf16.RentBuffer();
        try
        {
            for (int i = 0; i < result.Length; i++)
            {
                if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0)
                {
                    app.Append(ReadOnlySpan<byte>.Empty);
                    continue;
                }
                var bytes = rows[i];
                if (Ascii.IsValid(bytes))
                {
                    switch (transform)
                    {
                        case StringTransform.Trim:
                            app.Append(AsciiText.Trim(bytes));
                            break;
                        case StringTransform.Upper:
                            Ascii.ToUpper(bytes, app.Reserve(bytes.Length), out int up);
                            app.Commit(up);
                            break;
                        default:
                            Ascii.ToLower(bytes, app.Reserve(bytes.Length), out int low);
                            app.Commit(low);
                            break;
                    }
                    continue;
                }
                var chars = Utf16.Decode(bytes, ref src);
                switch (transform)
                {
                    case StringTransform.Trim:
                        app.Append(chars.Trim());
                        break;
                    default:
                        if (dst.Length < chars.Length)
                        {
                            Utf16.ReturnBuffer(dst);
                            dst = ArrayPool<char>.Shared.Rent(chars.Length);
                        }
                        int n = transform == StringTransform.Upper ? chars.ToUpperInvariant(dst) : chars.ToLowerInvariant(dst);
                        app.Append(dst.AsSpan(0, n));
                        break;
                }
            }
        }
        finally
        {
            Utf16.ReturnBuffer(src);
            Utf16.ReturnBuffer(dst);
        }
        app.Finish();
    }
}
