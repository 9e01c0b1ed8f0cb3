using System.Buffers;
using System.Text;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// String kernels: scalar loops over Arrow's offsets and UTF-8 bytes. Ordinal comparisons work on
/// the bytes directly (valid UTF-8 preserves UTF-16 ordinal equality, prefixes, suffixes and
/// containment); operations defined on UTF-16 decode into a reused buffer. None allocates a
/// <see cref="string"/> per row.
/// </summary>
internal static class Utf16
{
    private const int StackChars = 256;

    /// <summary>The UTF-16 length of valid UTF-8: one unit per non-continuation byte, two for 4-byte sequences.</summary>
    public static int Length(ReadOnlySpan<byte> utf8)
    {
        if (Ascii.IsValid(utf8)) return utf8.Length;
        int n = 0;
        foreach (byte b in utf8)
        {
            if ((b & 0xC0) != 0x80) n++;
            if (b >= 0xF0) n++;
        }
        return n;
    }

    public static int MaxChars(int utf8Bytes) => utf8Bytes;

    /// <summary>Decodes into <paramref name="buffer"/> (grown from the pool when needed) and returns the chars.</summary>
    public static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> utf8, ref char[] buffer)
    {
        if (buffer.Length < utf8.Length)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(Math.Max(utf8.Length, StackChars));
        }
        int n = Encoding.UTF8.GetChars(utf8, buffer);
        return buffer.AsSpan(0, n);
    }

    public static char[] RentBuffer() => ArrayPool<char>.Shared.Rent(StackChars);

    /// <summary>Whether the text has no unpaired surrogate, so that its UTF-8 bytes stand for it exactly.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> s)
    {
        int i = s.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return true;
        for (; i < s.Length; i++)
        {
            if (!char.IsSurrogate(s[i])) continue;
            if (!char.IsHighSurrogate(s[i]) || i + 1 == s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
            i++;
        }
        return true;
    }

    /// <summary>
    /// Whether <paramref name="v"/> is a string scalar with an unpaired surrogate (a C# literal such as <c>'\uD83D'</c>):
    /// its UTF-8 bytes replace the surrogate with U+FFFD, so ordinal byte search on them would be wrong.
    /// </summary>
    /// <remarks>Arrays come from UTF-8 and are always well-formed; only scalars keep the original string.</remarks>
    public static bool IsIllFormedScalar(ChunkValue v) => v.IsScalar && v.Scalar is string s && !IsWellFormed(s);

    /// <summary>Whether a two-text search with <paramref name="comparison"/> can compare the UTF-8 bytes as they are:
    /// ordinal, and neither text a literal with an unpaired surrogate.</summary>
    public static bool SearchesBytes(StringComparison comparison, ChunkValue text, ChunkValue pattern)
        => comparison == StringComparison.Ordinal && !IsIllFormedScalar(text) && !IsIllFormedScalar(pattern);

    /// <summary>The UTF-16 text of a row: a scalar's own string (exact even when ill-formed), else the decoded bytes.</summary>
    public static ReadOnlySpan<char> Chars(ChunkValue v, ReadOnlySpan<byte> utf8, ref char[] buffer) =>
        v.IsScalar ? (v.Scalar as string).AsSpan() : Decode(utf8, ref buffer);

    public static void ReturnBuffer(char[] buffer) => ArrayPool<char>.Shared.Return(buffer);
}

/// <summary>Ordinal <c>==</c> / <c>!=</c> on strings, with lifted null rules.</summary>
internal sealed class StringEqualityKernel(bool equal) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var bits = result.Bits;
        Bitmaps.ClearAll(bits, result.Length);
        for (int i = 0; i < result.Length; i++)
        {
            if (args[0].Utf8At(i).SequenceEqual(args[1].Utf8At(i)) == equal) bits[i >> 6] |= 1UL << i;
        }
        LiftedCompare.ApplyNulls(bits, args[0].EffectiveValidity, args[1].EffectiveValidity, equal ? CompareNulls.Equal : CompareNulls.NotEqual, result.Length);
        result.Validity = null;
    }
}

/// <summary><c>s.Length</c> in UTF-16 code units, counted from the UTF-8 bytes.</summary>
internal sealed class LengthKernel : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var dst = result.WritableValues<int>();
        for (int i = 0; i < dst.Length; i++) dst[i] = Utf16.Length(args[0].Utf8At(i));
    }
}

/// <summary>contains / starts_with / ends_with: ordinal on bytes, ignore-case (and unpaired-surrogate literals) on UTF-16.</summary>
internal sealed class StringPredicateKernel(Functions.StringPredicateFunction function) : Kernel
{
    private readonly int _kind = function.Name.Replace("_ignore_case", "", StringComparison.Ordinal) switch
    {
        "starts_with" => 0,
        "ends_with" => 1,
        _ => 2,
    };

    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var bits = result.Bits;
        Bitmaps.ClearAll(bits, result.Length);
        var validity = result.Validity;
        // Bytes are exact only for well-formed text; an unpaired surrogate in a literal is searched in UTF-16.
        bool ordinal = Utf16.SearchesBytes(function.Comparison, args[0], args[1]);
        var kind = _kind;
        if (ordinal && args[1].IsScalar && !args[0].IsScalar)
        {
            ConstantPattern(args[0], args[1].Utf8At(0), bits, validity, result.Length);
            return;
        }
        Utf8Rows rs = new(args[0]), rp = new(args[1]);
        char[] b1 = Utf16.RentBuffer(), b2 = Utf16.RentBuffer();
        try
        {
            for (int i = 0; i < result.Length; i++)
            {
                if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
                var s = rs[i];
                var p = rp[i];
                bool hit = ordinal
                    ? kind switch { 0 => s.StartsWith(p), 1 => s.EndsWith(p), _ => s.IndexOf(p) >= 0 }
                    : function.Test(Utf16.Chars(args[0], s, ref b1), Utf16.Chars(args[1], p, ref b2));
                if (hit) bits[i >> 6] |= 1UL << i;
            }
        }
        finally
        {
            Utf16.ReturnBuffer(b1);
            Utf16.ReturnBuffer(b2);
        }
    }

    /// <summary>The common shape (<c>s.StartsWith("San", Ordinal)</c>): one pattern, offsets and bytes read directly.</summary>
    private void ConstantPattern(ChunkValue x, ReadOnlySpan<byte> p, ulong[] bits, ulong[]? validity, int length)
    {
        var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(x.OffsetBytes.Span)[..(length + 1)];
        var data = x.StringData.Span;
        for (int i = 0; i < length; i++)
        {
            // Null rows are skipped: their bits stay clear, and validity already marks them.
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
            int start = offsets[i], n = offsets[i + 1] - start;
            if (n < p.Length) continue;
            var s = data.Slice(start, n);
            bool hit = _kind switch { 0 => s[..p.Length].SequenceEqual(p), 1 => s[(n - p.Length)..].SequenceEqual(p), _ => s.IndexOf(p) >= 0 };
            if (hit) bits[i >> 6] |= 1UL << i;
        }
    }
}

/// <summary>ASCII helpers on UTF-8 bytes with exactly <see cref="char.IsWhiteSpace(char)"/>'s ASCII set (\t \n \v \f \r and space).</summary>
internal static class AsciiText
{
    public static bool IsWhiteSpaceByte(byte b) => b == (byte)' ' || (uint)(b - 0x09) <= 0x0D - 0x09;

    /// <summary>Trims ASCII white space from both ends; the input must be ASCII.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsWhiteSpaceByte(s[start])) start++;
        while (end > start && IsWhiteSpaceByte(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>True when every byte is ASCII white space (an empty span is true); the input must be ASCII.</summary>
    public static bool IsWhiteSpace(ReadOnlySpan<byte> s)
    {
        foreach (byte b in s)
        {
            if (!IsWhiteSpaceByte(b)) return false;
        }
        return true;
    }
}

/// <summary>Row access to a string chunk value with its offset and data spans fetched once (a scalar is encoded once).</summary>
internal readonly ref struct Utf8Rows
{
    private readonly ReadOnlySpan<int> _offsets;
    private readonly ReadOnlySpan<byte> _data;
    private readonly ReadOnlySpan<byte> _scalar;
    private readonly bool _isScalar;

    public Utf8Rows(ChunkValue v)
    {
        _isScalar = v.IsScalar;
        if (_isScalar) _scalar = v.Utf8At(0);
        else
        {
            _offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(v.OffsetBytes.Span);
            _data = v.StringData.Span;
        }
    }

    public ReadOnlySpan<byte> this[int row] => _isScalar ? _scalar : _data[_offsets[row].._offsets[row + 1]];
}

internal enum StringTransform
{
    Upper,
    Lower,
    Trim,
}

/// <summary><c>s.Substring(start[, length])</c> on UTF-16 units; an out-of-range row fails with .NET's exact message.</summary>
internal sealed class SubstringKernel : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var app = new Utf8Appender(result);
        var validity = result.Validity;
        var starts = args[1].ValuesOrBroadcast<int>();
        var lengths = args.Length > 2 ? args[2].ValuesOrBroadcast<int>() : default;
        char[] buf = Utf16.RentBuffer();
        try
        {
            for (int i = 0; i < result.Length; i++)
            {
                if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0)
                {
                    app.Append(ReadOnlySpan<byte>.Empty);
                    continue;
                }
                var chars = Utf16.Decode(args[0].Utf8At(i), ref buf);
                int start = starts[i];
                int length = args.Length > 2 ? lengths[i] : chars.Length - start;
                if ((uint)start > (uint)chars.Length || (args.Length > 2 && (length < 0 || start > chars.Length - length)))
                {
                    result.SetError(i, ErrorMessage(chars.Length, start, args.Length > 2 ? length : null));
                    app.Append(ReadOnlySpan<byte>.Empty);
                    continue;
                }
                app.Append(chars.Slice(start, length));
            }
        }
        finally
        {
            Utf16.ReturnBuffer(buf);
        }
        app.Finish();
    }

    /// <summary>Only on the error path: asks .NET itself for the message.</summary>
    private static string ErrorMessage(int stringLength, int start, int? length)
    {
        try
        {
            var s = new string(' ', stringLength);
            _ = length is { } l ? s.Substring(start, l) : s.Substring(start);
            return "substring: out of range";
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}

/// <summary><c>string.IsNullOrEmpty</c> / <c>string.IsNullOrWhiteSpace</c>: null rows are true; never null.</summary>
internal sealed class NullOrEmptyKernel(bool whiteSpace) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var bits = result.Bits;
        Bitmaps.ClearAll(bits, result.Length);
        var x = args[0];
        if (x.IsScalar)
        {
            // Unary, so the caller only passes a scalar here when it asks for a broadcast.
            if (x.Scalar is null || Test(x.Utf8At(0))) Bitmaps.SetAll(bits, result.Length);
            result.Validity = null;
            return;
        }
        var rows = new Utf8Rows(x);
        var validity = x.Validity;
        for (int i = 0; i < result.Length; i++)
        {
            if ((validity is not null && (validity[i >> 6] & (1UL << i)) == 0) || Test(rows[i])) bits[i >> 6] |= 1UL << i;
        }
        result.Validity = null;
    }

    private bool Test(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0) return true;
        if (!whiteSpace) return false;
        // Most strings start with a visible ASCII character: decided by one byte.
        if (s[0] < 0x80 && !AsciiText.IsWhiteSpaceByte(s[0])) return false;
        if (Ascii.IsValid(s)) return AsciiText.IsWhiteSpace(s);
        char[] buf = Utf16.RentBuffer();
        try
        {
            return Utf16.Decode(s, ref buf).IsWhiteSpace();
        }
        finally
        {
            Utf16.ReturnBuffer(buf);
        }
    }
}

/// <summary>Formats numbers with the invariant culture straight into the UTF-8 output (no string per row).</summary>
internal sealed class FormatKernel<T> : Kernel where T : unmanaged, IUtf8SpanFormattable
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var app = new Utf8Appender(result);
        var x = args[0].ValuesOrBroadcast<T>();
        var validity = result.Validity;
        Span<byte> buf = stackalloc byte[64];
        for (int i = 0; i < result.Length; i++)
        {
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0)
            {
                app.Append(ReadOnlySpan<byte>.Empty);
                continue;
            }
            if (!x[i].TryFormat(buf, out int n, default, System.Globalization.CultureInfo.InvariantCulture))
                throw new ChalkInternalException($"formatting {x[i]} needed more than {buf.Length} bytes");
            app.Append((ReadOnlySpan<byte>)buf[..n]);
        }
        app.Finish();
    }
}
