using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>
/// The utf8 kernels' chunk-wide paths (ASCII upper/lower/trim, concat chains, string select) against the C# they stand
/// for: every batch length 0..70 plus a few larger, ASCII-only and non-ASCII chunks, no / all / mixed nulls, strings of
/// 0..70 bytes around the 16-byte copy width, sliced inputs and several chunks per batch.
/// </summary>
[Category("Kernels")]
public sealed class StringKernelTests
{
    private static readonly Expr s_s = Expr.Col("s", ExprType.Utf8, true);
    private static readonly Expr s_c = Expr.Col("c", ExprType.Utf8, true);

    private static readonly string[] s_nonAscii = ["ÄÖü", "straße", "ß", "İi", "ı", "ɐ", "😀", "\u00A0x\u2003", "ﬀ", "\u2028"];

    public enum Text { Ascii, NonAscii }

    public enum Nulls { None, All, Mixed }

    /// <summary>Each case: the IR and the C# it must equal, on (s, c).</summary>
    private static readonly (string Name, Expr Expr, Func<string?, string?, object?> CSharp)[] s_cases =
    [
        ("upper", Expr.Call("upper", s_s), (s, _) => s?.ToUpperInvariant()),
        ("lower", Expr.Call("lower", s_s), (s, _) => s?.ToLowerInvariant()),
        ("trim", Expr.Call("trim", s_s), (s, _) => s?.Trim()),
        ("upper(trim)", Expr.Call("upper", Expr.Call("trim", s_s)), (s, _) => s?.Trim().ToUpperInvariant()),
        ("concat chain", Expr.Call("concat", Expr.Call("concat", Expr.Call("upper", Expr.Call("trim", s_s)), Expr.Lit("/")), Expr.Coalesce(s_c, Expr.Lit("?"))),
            (s, c) => s?.Trim().ToUpperInvariant() + "/" + (c ?? "?")),
        ("long concat", Expr.Call("concat", Expr.Call("concat", Expr.Call("concat", Expr.Lit("<"), s_s), Expr.Call("concat", Expr.Lit(">"), s_c)), Expr.Lit(" a literal longer than sixteen bytes")),
            (s, c) => "<" + s + ">" + c + " a literal longer than sixteen bytes"),
        ("concat of nulls", Expr.Call("concat", Expr.Call("concat", s_s, Expr.Null(ExprType.Utf8)), s_c), (s, c) => s + null + c),
        ("select arrays", Expr.If(Expr.Call("starts_with", s_c, Expr.Lit("S")), Expr.Call("concat", s_s, Expr.Lit(" (CA)")), s_c),
            (s, c) => c is not null && c.StartsWith('S') ? s + " (CA)" : c),
        ("select scalar", Expr.If(Expr.Call("is_null_or_whitespace", s_s), Expr.Lit("anonymous"), Expr.Call("trim", s_s)),
            (s, _) => string.IsNullOrWhiteSpace(s) ? "anonymous" : s.Trim()),
        ("if chain", Expr.If(Expr.IsNull(s_c), Expr.Lit("no city"),
                Expr.If(Expr.Call("starts_with", Expr.Call("substring", s_s, Expr.Lit(2)), Expr.Lit("a")), Expr.Call("concat", s_c, Expr.Lit("!")),
                    Expr.If(Expr.Call("is_null_or_empty", s_s), Expr.Null(ExprType.Utf8), Expr.Call("trim", s_c)))),
            // A null s makes the lifted substring null, so that condition is false; a short s fails the row.
            (s, c) => c is null ? "no city" : s is not null && s.Substring(2).StartsWith('a') ? c + "!" : string.IsNullOrEmpty(s) ? null : c.Trim()),
        ("is_null_or_whitespace", Expr.Call("is_null_or_whitespace", s_s), (s, _) => string.IsNullOrWhiteSpace(s)),
        ("is_null_or_empty", Expr.Call("is_null_or_empty", s_s), (s, _) => string.IsNullOrEmpty(s)),
    ];

    private static string? RandomString(Random rng, Text text, Nulls validity)
    {
        if (validity == Nulls.All || (validity == Nulls.Mixed && rng.Next(4) == 0)) return null;
        // Lengths cluster around the 16-byte vector copy and reach past 64.
        int n = rng.Next(3) switch { 0 => rng.Next(0, 4), 1 => rng.Next(12, 20), _ => rng.Next(0, 71) };
        var sb = new System.Text.StringBuilder();
        while (sb.Length < n)
        {
            int pick = rng.Next(10);
            if (pick < 2) sb.Append(" \t\n\v\f\r"[rng.Next(6)]);
            else if (pick == 2 && text == Text.NonAscii) sb.Append(s_nonAscii[rng.Next(s_nonAscii.Length)]);
            else sb.Append((char)rng.Next(0x21, 0x7F));
        }
        return sb.ToString();
    }

    private static IEnumerable<int> Lengths() => Enumerable.Range(0, 71).Concat([127, 128, 129, 256, 1000]);

    [Test]
    public void Utf8_kernels_match_csharp_for_every_length_validity_and_text(
        [Values] Text text, [Values] Nulls validity, [Values(64, 2048)] int chunkSize, [Values(0, 13)] int sliceOffset)
    {
        var rng = new Random(HashCode.Combine(text, validity, chunkSize, sliceOffset) & 0x7fffffff);
        var compiled = s_cases.Select(c => (c.Name, c.CSharp, Compiled: (CompiledExpressions?)null)).ToArray();
        foreach (int length in Lengths())
        {
            int total = length + sliceOffset;
            var ss = new object?[total];
            var cs = new object?[total];
            for (int i = 0; i < total; i++)
            {
                ss[i] = RandomString(rng, text, validity);
                cs[i] = rng.Next(3) == 0 ? "San Jose" : RandomString(rng, text, validity);
            }
            var full = TestData.Batch([("s", ArrowValues.BuildArray(ExprType.Utf8, ss)), ("c", ArrowValues.BuildArray(ExprType.Utf8, cs))]);
            var batch = sliceOffset == 0 ? full : TestData.Slice(full, sliceOffset, length);
            for (int k = 0; k < s_cases.Length; k++)
            {
                var program = compiled[k].Compiled ??= ExpressionCompiler.Compile([s_cases[k].Expr], batch.Schema, chunkSize);
                compiled[k].Compiled = program;
                var result = program.EvaluateSingle(batch);
                var errors = result.RowErrors.ToDictionary(e => e.Row, e => e.Message);
                for (int i = 0; i < length; i++)
                {
                    var (s, c) = ((string?)ss[i + sliceOffset], (string?)cs[i + sliceOffset]);
                    string where = $"{s_cases[k].Name}, length {length}, row {i}: s={TestData.Show(s)} c={TestData.Show(c)}";
                    object? expected;
                    try
                    {
                        expected = s_cases[k].CSharp(s, c);
                    }
                    catch (ArgumentException e)
                    {
                        Assert.That(errors.TryGetValue(i, out var message) ? message : null, Is.EqualTo(e.Message), where);
                        continue;
                    }
                    Assert.That(errors.ContainsKey(i), Is.False, where);
                    Assert.That(ArrowValues.GetValue(result.Values, i), Is.EqualTo(expected), where);
                }
            }
        }
    }

    [Test]
    public void Upper_of_non_ascii_may_change_the_byte_length_and_matches_ToUpperInvariant()
    {
        // ı (2 bytes) → I (1 byte); ɐ (2 bytes) → Ɐ (3 bytes); ß and ﬀ have no simple upper case.
        string?[] values = ["ı", "ɐɐ", "aßb", "ﬀ", "İi", null, "plain ascii", "é😀é"];
        var batch = TestData.Batch([("s", ArrowValues.BuildArray(ExprType.Utf8, values))]);
        var result = ExpressionCompiler.Compile([Expr.Call("upper", s_s)], batch.Schema).EvaluateSingle(batch);
        for (int i = 0; i < values.Length; i++) Assert.That(ArrowValues.GetValue(result.Values, i), Is.EqualTo(values[i]?.ToUpperInvariant()));
    }

    [Test]
    public void Trim_removes_unicode_white_space_like_string_Trim()
    {
        string?[] values = ["\u00A0x\u2003", "\u2028 a \u3000", "\u0085b\u0085", " \u200Bc ", "\t\r\n", "", null];
        var batch = TestData.Batch([("s", ArrowValues.BuildArray(ExprType.Utf8, values))]);
        var result = ExpressionCompiler.Compile([Expr.Call("trim", s_s)], batch.Schema).EvaluateSingle(batch);
        for (int i = 0; i < values.Length; i++) Assert.That(ArrowValues.GetValue(result.Values, i), Is.EqualTo(values[i]?.Trim()));
    }
}
