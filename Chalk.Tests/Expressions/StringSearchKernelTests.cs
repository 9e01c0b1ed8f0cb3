using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>
/// index_of / last_index_of and the ordinal predicates against the .NET string methods they stand for: every batch
/// length 0..256, sliced inputs, no / all / mixed nulls, ASCII and non-ASCII rows, NUL, surrogate pairs, case pairs
/// that only ignore-case matches, empty needles, start/count in and out of range, and literals with unpaired surrogates.
/// </summary>
[Category("Kernels")]
public sealed class StringSearchKernelTests
{
    private static readonly Expr s_s = Expr.Col("s", ExprType.Utf8, true);
    private static readonly Expr s_p = Expr.Col("p", ExprType.Utf8, true);
    private static readonly Expr s_start = Expr.Col("start", ExprType.Int32, true);
    private static readonly Expr s_count = Expr.Col("count", ExprType.Int32, true);

    // Single units and pairs: ß/ẞ, K/Kelvin sign and İ/ı differ under ignore-case; 😀 is a surrogate pair.
    private static readonly string[] s_pieces = ["a", "b", "A", "B", "x", "\0", "é", "É", "ß", "ẞ", "K", "\u212A", "İ", "ı", "日", "😀", "𐐀", "𐐨", " "];

    private const StringComparison Ordinal = StringComparison.Ordinal;
    private const StringComparison IgnoreCase = StringComparison.OrdinalIgnoreCase;

    public enum Nulls { None, All, Mixed }

    private delegate object? CSharp(string s, string p, int start, int count);

    /// <summary>Each case: the IR over (s, p, start, count) and the C# it must equal when no operand is null.</summary>
    private static readonly (string Name, Expr Expr, CSharp Expected)[] s_cases =
    [
        ("index_of", Expr.Call("index_of", s_s, s_p), (s, p, _, _) => s.IndexOf(p, Ordinal)),
        ("index_of_ignore_case", Expr.Call("index_of_ignore_case", s_s, s_p), (s, p, _, _) => s.IndexOf(p, IgnoreCase)),
        ("last_index_of", Expr.Call("last_index_of", s_s, s_p), (s, p, _, _) => s.LastIndexOf(p, Ordinal)),
        ("last_index_of_ignore_case", Expr.Call("last_index_of_ignore_case", s_s, s_p), (s, p, _, _) => s.LastIndexOf(p, IgnoreCase)),
        ("index_of from", Expr.Call("index_of", s_s, s_p, s_start), (s, p, i, _) => s.IndexOf(p, i, Ordinal)),
        ("index_of_ignore_case from", Expr.Call("index_of_ignore_case", s_s, s_p, s_start), (s, p, i, _) => s.IndexOf(p, i, IgnoreCase)),
        ("index_of from count", Expr.Call("index_of", s_s, s_p, s_start, s_count), (s, p, i, n) => s.IndexOf(p, i, n, Ordinal)),
        ("index_of_ignore_case from count", Expr.Call("index_of_ignore_case", s_s, s_p, s_start, s_count), (s, p, i, n) => s.IndexOf(p, i, n, IgnoreCase)),
        ("index_of literal 'a'", Expr.Call("index_of", s_s, Expr.Lit("a")), (s, _, _, _) => s.IndexOf('a')),
        ("index_of literal NUL from count", Expr.Call("index_of", s_s, Expr.Lit("\0"), s_start, s_count), (s, _, i, n) => s.IndexOf('\0', i, n)),
        ("index_of literal high surrogate", Expr.Call("index_of", s_s, Expr.Lit("\uD83D")), (s, _, _, _) => s.IndexOf('\uD83D')),
        ("index_of literal low surrogate from", Expr.Call("index_of", s_s, Expr.Lit("\uDC28"), s_start), (s, _, i, _) => s.IndexOf('\uDC28', i)),
        ("last_index_of literal low surrogate", Expr.Call("last_index_of", s_s, Expr.Lit("\uDE00")), (s, _, _, _) => s.LastIndexOf('\uDE00')),
        ("last_index_of literal empty", Expr.Call("last_index_of", s_s, Expr.Lit("")), (s, _, _, _) => s.LastIndexOf("", Ordinal)),
        ("index_of_ignore_case literal 'k'", Expr.Call("index_of_ignore_case", s_s, Expr.Lit("k")), (s, _, _, _) => s.IndexOf('k', IgnoreCase)),
        ("index_of in an ill-formed literal", Expr.Call("index_of", Expr.Lit("a😀\uD83Dx\0é"), s_p), (_, p, _, _) => "a😀\uD83Dx\0é".IndexOf(p, Ordinal)),
        ("index_of in a literal from count", Expr.Call("index_of", Expr.Lit("bAßx"), s_p, s_start, s_count), (_, p, i, n) => "bAßx".IndexOf(p, i, n, Ordinal)),
        ("contains literal high surrogate", Expr.Call("contains", s_s, Expr.Lit("\uD83D")), (s, _, _, _) => s.Contains('\uD83D')),
        ("starts_with literal high surrogate", Expr.Call("starts_with", s_s, Expr.Lit("\uD83D")), (s, _, _, _) => s.StartsWith('\uD83D')),
        ("ends_with literal low surrogate", Expr.Call("ends_with", s_s, Expr.Lit("\uDE00")), (s, _, _, _) => s.EndsWith('\uDE00')),
        ("contains_ignore_case literal low surrogate", Expr.Call("contains_ignore_case", s_s, Expr.Lit("\uDC00")), (s, _, _, _) => s.Contains('\uDC00', IgnoreCase)),
        ("contains in an ill-formed literal", Expr.Call("contains", Expr.Lit("x\uDE00😀"), s_p), (_, p, _, _) => "x\uDE00😀".Contains(p, Ordinal)),
    ];

    private static string? RandomText(Random rng, bool ascii, int maxPieces)
    {
        int n = rng.Next(0, maxPieces + 1);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < n; i++) sb.Append(s_pieces[rng.Next(ascii ? 6 : s_pieces.Length)]);
        return sb.ToString();
    }

    [Test]
    public void Searches_match_the_dotnet_string_methods_at_every_length_validity_and_slice(
        [Values] Nulls nulls, [Values] bool ascii, [Values(0, 13)] int sliceOffset)
    {
        var rng = new Random(HashCode.Combine(nulls, ascii, sliceOffset) & 0x7fffffff);
        // 64-row chunks: a batch of up to 256 rows spans several chunks.
        const int chunkSize = 64;
        var programs = new CompiledExpressions?[s_cases.Length];
        for (int length = 0; length <= 256; length++)
        {
            int total = length + sliceOffset;
            var ss = new object?[total];
            var ps = new object?[total];
            var starts = new object?[total];
            var counts = new object?[total];
            for (int i = 0; i < total; i++)
            {
                bool isNull = nulls == Nulls.All || (nulls == Nulls.Mixed && rng.Next(5) == 0);
                var s = isNull ? null : RandomText(rng, ascii, 8);
                ss[i] = s;
                // A needle is often a slice of its row (a sure match), else short random text.
                ps[i] = nulls == Nulls.Mixed && rng.Next(5) == 0 ? null
                    : s is not null && rng.Next(2) == 0 ? Slice(rng, s) : RandomText(rng, ascii, 2);
                int len = s?.Length ?? 4;
                starts[i] = rng.Next(-2, len + 3);
                counts[i] = rng.Next(-2, len + 3);
            }
            var full = TestData.Batch([
                ("s", ArrowValues.BuildArray(ExprType.Utf8, ss)), ("p", ArrowValues.BuildArray(ExprType.Utf8, ps)),
                ("start", ArrowValues.BuildArray(ExprType.Int32, starts)), ("count", ArrowValues.BuildArray(ExprType.Int32, counts))]);
            var batch = sliceOffset == 0 ? full : TestData.Slice(full, sliceOffset, length);
            for (int k = 0; k < s_cases.Length; k++)
            {
                var program = programs[k] ??= ExpressionCompiler.Compile([s_cases[k].Expr], batch.Schema, chunkSize);
                var result = program.EvaluateSingle(batch);
                var errors = result.RowErrors.ToDictionary(e => e.Row, e => e.Message);
                for (int i = 0; i < length; i++)
                {
                    int j = i + sliceOffset;
                    var (s, p, start, count) = ((string?)ss[j], (string?)ps[j], (int)starts[j]!, (int)counts[j]!);
                    var (expectedValue, expectedError) = Expected(k, s, p, start, count);
                    var actualValue = ArrowValues.GetValue(result.Values, i);
                    errors.TryGetValue(i, out var actualError);
                    if (!Equals(actualValue, expectedValue) || actualError != expectedError)
                    {
                        Assert.Fail($"{s_cases[k].Name}, length {length}, row {i}: s={TestData.Show(s)} p={TestData.Show(p)} start={start} count={count}: "
                            + $"expected {TestData.Show(expectedValue)} / {expectedError ?? "no error"}, got {TestData.Show(actualValue)} / {actualError ?? "no error"}");
                    }
                }
            }
        }
    }

    /// <summary>What C# gives for one row; a null operand the expression reads gives a null value (the IR propagates nulls).</summary>
    private static (object? Value, string? Error) Expected(int k, string? s, string? p, int start, int count)
    {
        if ((s is null && s_reads[k].S) || (p is null && s_reads[k].P)) return (null, null);
        try
        {
            return (s_cases[k].Expected(s!, p!, start, count), null);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return (null, e.Message);
        }
    }

    private static readonly (bool S, bool P)[] s_reads = s_cases
        .Select(c => (c.Expr.Children.Contains(s_s), c.Expr.Children.Contains(s_p)))
        .ToArray();

    private static string Slice(Random rng, string s)
    {
        int a = rng.Next(0, s.Length + 1);
        int b = rng.Next(a, s.Length + 1);
        // A column holds UTF-8, so a needle column cannot hold half a pair (the literal cases cover unpaired surrogates).
        if (a < s.Length && char.IsLowSurrogate(s[a])) a--;
        if (b < s.Length && char.IsLowSurrogate(s[b])) b++;
        return s[a..b];
    }

    [Test]
    public void A_char_needle_is_the_one_char_string_needle_for_every_char()
    {
        // The lifter turns IndexOf('c') into index_of(s, "c"): that is only right if .NET agrees for every char.
        string[] hays = ["", "abc", "ßẞ", "İiIı", "😀x", "x😀", "a\0b", "K\u212Ak", "𐐀𐐨"];
        var mismatches = new List<string>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            char ch = (char)c;
            string one = ch.ToString();
            foreach (var h in hays)
            {
                if (h.IndexOf(ch) != h.IndexOf(one, Ordinal)
                    || h.LastIndexOf(ch) != h.LastIndexOf(one, Ordinal)
                    || h.IndexOf(ch, IgnoreCase) != h.IndexOf(one, IgnoreCase)
                    || h.Contains(ch) != h.Contains(one, Ordinal)
                    || h.Contains(ch, IgnoreCase) != h.Contains(one, IgnoreCase)
                    || h.StartsWith(ch) != h.StartsWith(one, Ordinal)
                    || h.EndsWith(ch) != h.EndsWith(one, Ordinal))
                {
                    mismatches.Add($"U+{c:X4} in {TestData.Show(h)}");
                }
            }
        }
        Assert.That(mismatches, Is.Empty);
    }
}
