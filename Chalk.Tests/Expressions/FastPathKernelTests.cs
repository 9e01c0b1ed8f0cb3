using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Expressions.Kernels;

namespace Chalk.Tests.Expressions;

/// <summary>The batch kernels' fast paths (round with digits, clamp, ASCII string paths) against the C# they stand for.</summary>
[Category("Kernels")]
public sealed class FastPathKernelTests
{
    private static EvaluationResult Run(Expr expr, params (string Name, IArrowArray Array)[] columns)
    {
        var batch = TestData.Batch(columns);
        return ExpressionCompiler.Compile([expr], batch.Schema).EvaluateSingle(batch);
    }

    private static double RandomDouble(Random rng) => rng.Next(6) switch
    {
        0 => BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue)),
        1 => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-20, 25)),
        2 => Math.Round((rng.NextDouble() - 0.5) * 2000, rng.Next(0, 6)) + 0.5 * Math.Pow(10, -rng.Next(0, 8)),
        3 => new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, 2.5, -2.5, 0.125, 1.005, 2.675 }[rng.Next(13)],
        4 => rng.Next(-100000, 100000) / 8.0,
        _ => (rng.NextDouble() - 0.5) * 1e16,
    };

    [Test]
    public void Round_with_digits_is_bit_identical_to_Math_Round()
    {
        var rng = new Random(7);
        const int n = 50_000;
        var xs = new object?[n];
        var ds = new object?[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = RandomDouble(rng);
            ds[i] = rng.Next(-2, 18);
        }
        var r = Run(Expr.Call("round", Expr.Col("x", ExprType.Float64, true), Expr.Col("d", ExprType.Int32, true)),
            ("x", ArrowValues.BuildArray(ExprType.Float64, xs)), ("d", ArrowValues.BuildArray(ExprType.Int32, ds)));
        var errors = r.RowErrors.ToDictionary(e => e.Row, e => e.Message);
        for (int i = 0; i < n; i++)
        {
            double x = (double)xs[i]!;
            int d = (int)ds[i]!;
            if (d is < 0 or > 15)
            {
                var e = Assert.Throws<ArgumentOutOfRangeException>(() => Math.Round(x, d))!;
                Assert.That(errors[i], Is.EqualTo(e.Message));
                continue;
            }
            Assert.That(errors.ContainsKey(i), Is.False);
            double got = (double)ArrowValues.GetValue(r.Values, i)!;
            Assert.That(BitConverter.DoubleToInt64Bits(got), Is.EqualTo(BitConverter.DoubleToInt64Bits(Math.Round(x, d))), $"round({x:R}, {d})");
        }
    }

    [Test]
    public void Float32_round_with_digits_matches_MathF_Round()
    {
        var rng = new Random(8);
        const int n = 20_000;
        var xs = new object?[n];
        var ds = new object?[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = (float)RandomDouble(rng);
            ds[i] = rng.Next(-1, 8);
        }
        var r = Run(Expr.Call("round", Expr.Col("x", ExprType.Float32, true), Expr.Col("d", ExprType.Int32, true)),
            ("x", ArrowValues.BuildArray(ExprType.Float32, xs)), ("d", ArrowValues.BuildArray(ExprType.Int32, ds)));
        var errors = r.RowErrors.ToDictionary(e => e.Row, e => e.Message);
        for (int i = 0; i < n; i++)
        {
            float x = (float)xs[i]!;
            int d = (int)ds[i]!;
            if (d is < 0 or > 6)
            {
                Assert.That(errors[i], Is.EqualTo(Assert.Throws<ArgumentOutOfRangeException>(() => MathF.Round(x, d))!.Message));
                continue;
            }
            float got = (float)ArrowValues.GetValue(r.Values, i)!;
            Assert.That(BitConverter.SingleToInt32Bits(got), Is.EqualTo(BitConverter.SingleToInt32Bits(MathF.Round(x, d))));
        }
    }

    [Test]
    public void Clamp_matches_Math_Clamp_including_NaN_and_min_greater_than_max()
    {
        var rng = new Random(9);
        const int n = 20_000;
        var cols = new object?[3][];
        for (int c = 0; c < 3; c++) cols[c] = new object?[n];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < 3; c++) cols[c][i] = rng.Next(8) == 0 ? double.NaN : rng.Next(-50, 50) * 0.5;
        }
        var r = Run(Expr.Call("clamp", Expr.Col("x", ExprType.Float64, true), Expr.Col("lo", ExprType.Float64, true), Expr.Col("hi", ExprType.Float64, true)),
            ("x", ArrowValues.BuildArray(ExprType.Float64, cols[0])), ("lo", ArrowValues.BuildArray(ExprType.Float64, cols[1])), ("hi", ArrowValues.BuildArray(ExprType.Float64, cols[2])));
        var errors = r.RowErrors.ToDictionary(e => e.Row, e => e.Message);
        int failed = 0;
        for (int i = 0; i < n; i++)
        {
            double x = (double)cols[0][i]!, lo = (double)cols[1][i]!, hi = (double)cols[2][i]!;
            if (lo > hi)
            {
                failed++;
                Assert.That(errors[i], Is.EqualTo(Assert.Throws<ArgumentException>(() => Math.Clamp(x, lo, hi))!.Message));
                continue;
            }
            double got = (double)ArrowValues.GetValue(r.Values, i)!;
            Assert.That(BitConverter.DoubleToInt64Bits(got), Is.EqualTo(BitConverter.DoubleToInt64Bits(Math.Clamp(x, lo, hi))));
        }
        Assert.That(failed, Is.GreaterThan(0));
    }

    [Test]
    public void Literal_bounds_min_greater_than_max_fail_every_row_with_the_dotnet_message()
    {
        var xs = new object?[] { 1.0, double.NaN, null, -3.0 };
        var r = Run(Expr.Call("clamp", Expr.Col("x", ExprType.Float64, true), Expr.Lit(5.0), Expr.Lit(1.0)), ("x", ArrowValues.BuildArray(ExprType.Float64, xs)));
        var message = Assert.Throws<ArgumentException>(() => Math.Clamp(1.0, 5.0, 1.0))!.Message;
        Assert.That(r.RowErrors.Select(e => e.Row), Is.EqualTo(new[] { 0, 1, 3 }));
        Assert.That(r.RowErrors.Select(e => e.Message), Is.All.EqualTo(message));
    }

    [Test]
    public void Ascii_white_space_is_char_IsWhiteSpace()
    {
        for (int c = 0; c < 128; c++) Assert.That(AsciiText.IsWhiteSpaceByte((byte)c), Is.EqualTo(char.IsWhiteSpace((char)c)), $"0x{c:X2}");
    }

    [Test]
    public void Ascii_string_paths_match_csharp()
    {
        var rng = new Random(10);
        const int n = 5_000;
        var ss = new object?[n];
        var cities = new object?[n];
        for (int i = 0; i < n; i++)
        {
            var chars = new char[rng.Next(0, 12)];
            for (int k = 0; k < chars.Length; k++) chars[k] = rng.Next(3) == 0 ? " \t\n\v\f\r\x1c\x1f"[rng.Next(8)] : (char)rng.Next(0, 128);
            ss[i] = rng.Next(10) == 0 ? null : new string(chars);
            cities[i] = rng.Next(4) switch { 0 => null, 1 => "San Jose", 2 => "Sa", _ => new string(chars) };
        }
        var s = Expr.Col("s", ExprType.Utf8, true);
        var city = Expr.Col("c", ExprType.Utf8, true);
        (string Name, IArrowArray Array)[] cols = [("s", ArrowValues.BuildArray(ExprType.Utf8, ss)), ("c", ArrowValues.BuildArray(ExprType.Utf8, cities))];
        var upperTrim = Run(Expr.Call("upper", Expr.Call("trim", s)), cols);
        var lowerTrim = Run(Expr.Call("lower", Expr.Call("trim", s)), cols);
        var ws = Run(Expr.Call("is_null_or_whitespace", s), cols);
        var cat = Run(Expr.Call("concat", Expr.Call("concat", s, Expr.Lit("/")), Expr.Coalesce(city, Expr.Lit("?"))), cols);
        var starts = Run(Expr.Call("starts_with", city, Expr.Lit("San")), cols);
        for (int i = 0; i < n; i++)
        {
            var v = (string?)ss[i];
            var c = (string?)cities[i];
            Assert.That(ArrowValues.GetValue(upperTrim.Values, i), Is.EqualTo(v?.Trim().ToUpperInvariant()));
            Assert.That(ArrowValues.GetValue(lowerTrim.Values, i), Is.EqualTo(v?.Trim().ToLowerInvariant()));
            Assert.That(ArrowValues.GetValue(ws.Values, i), Is.EqualTo(string.IsNullOrWhiteSpace(v)));
            Assert.That(ArrowValues.GetValue(cat.Values, i), Is.EqualTo(v + "/" + (c ?? "?")));
            Assert.That(ArrowValues.GetValue(starts.Values, i), Is.EqualTo(c is null ? null : c.StartsWith("San", StringComparison.Ordinal)));
        }
    }
}
