using System.Text;
using Chalk.Expressions.Functions;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// index_of / last_index_of (ordinal and ignore-case): the UTF-16 index of a pattern, or -1; a start or count out
/// of range fails the row with .NET's message.
/// </summary>
/// <remarks>
/// Ordinal search runs on the UTF-8 bytes when both texts are well-formed: a match of well-formed UTF-16 text
/// starts and ends on code point boundaries, so it is exactly a byte match, and in an ASCII row byte and UTF-16
/// indexes are the same. Other rows (non-ASCII with a start or count, ignore-case, a literal with an unpaired
/// surrogate) are decoded into a pooled buffer and searched by .NET's own span methods.
/// </remarks>
internal sealed class StringSearchKernel(StringSearchFunction function) : Kernel
{
    private const int NotFound = -1;

    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var dst = result.WritableValues<int>();
        var validity = result.Validity;
        var comparison = function.Comparison;
        bool last = function.Last;
        bool bytes = Utf16.SearchesBytes(comparison, args[0], args[1]);
        int arity = args.Length;
        var starts = arity > 2 ? args[2].ValuesOrBroadcast<int>() : default;
        var counts = arity > 3 ? args[3].ValuesOrBroadcast<int>() : default;
        Utf8Rows rs = new(args[0]), rp = new(args[1]);
        char[] b1 = Utf16.RentBuffer(), b2 = Utf16.RentBuffer();
        try
        {
            for (int i = 0; i < result.Length; i++)
            {
                if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
                var s = rs[i];
                var p = rp[i];
                if (bytes && arity == 2)
                {
                    int at = p.Length == 0 ? (last ? s.Length : 0) : last ? s.LastIndexOf(p) : s.IndexOf(p);
                    dst[i] = at < 0 ? NotFound : Utf16.Length(s[..at]);
                    continue;
                }
                int start = arity > 2 ? starts[i] : 0;
                if (bytes && Ascii.IsValid(s))
                {
                    if (!InRange(s.Length, start, arity > 3 ? counts[i] : s.Length - start, arity))
                    {
                        result.SetError(i, ErrorMessage(s.Length, start, arity > 3 ? counts[i] : null));
                        continue;
                    }
                    int count = arity > 3 ? counts[i] : s.Length - start;
                    int at = s.Slice(start, count).IndexOf(p);
                    dst[i] = at < 0 ? NotFound : at + start;
                    continue;
                }
                var sc = Utf16.Chars(args[0], s, ref b1);
                var pc = Utf16.Chars(args[1], p, ref b2);
                if (arity == 2)
                {
                    dst[i] = last ? sc.LastIndexOf(pc, comparison) : sc.IndexOf(pc, comparison);
                    continue;
                }
                int n = arity > 3 ? counts[i] : sc.Length - start;
                if (!InRange(sc.Length, start, n, arity))
                {
                    result.SetError(i, ErrorMessage(sc.Length, start, arity > 3 ? n : null));
                    continue;
                }
                int found = sc.Slice(start, n).IndexOf(pc, comparison);
                dst[i] = found < 0 ? NotFound : found + start;
            }
        }
        finally
        {
            Utf16.ReturnBuffer(b1);
            Utf16.ReturnBuffer(b2);
        }
    }

    /// <summary>.NET's checks: <c>0 &lt;= start &lt;= length</c>, then <c>0 &lt;= count &lt;= length - start</c>.</summary>
    private static bool InRange(int length, int start, int count, int arity) =>
        (uint)start <= (uint)length && (arity < 4 || (count >= 0 && start <= length - count));

    /// <summary>Only on the error path: asks .NET itself for the message (it depends on which argument is out of range).</summary>
    private string ErrorMessage(int length, int start, int? count)
    {
        var s = new string(' ', length);
        try
        {
            _ = count is { } c ? s.IndexOf("x", start, c, function.Comparison) : s.IndexOf("x", start, function.Comparison);
            throw new ChalkInternalException($"{function.Name}: start {start}, count {count} on a string of length {length} was judged out of range, but .NET accepts it");
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e.Message;
        }
    }
}
