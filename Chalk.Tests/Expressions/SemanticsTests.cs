using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>The semantic edge cases, each checked against the C# expression it mirrors, through the reference and the compiled evaluator.</summary>
[TestFixture(EvaluationPath.Reference)]
[TestFixture(EvaluationPath.Compiled)]
public sealed partial class SemanticsTests(EvaluationPath path)
{
    private const int Rows = 37;

    public sealed record Case(string Name, ExprType[] Types, object?[] Values, Func<Expr[], Expr> Build, Func<object?> CSharp)
    {
        public override string ToString() => Name;
    }

    private static Case C(string name, ExprType[] types, object?[] values, Func<Expr[], Expr> build, Func<object?> csharp) => new(name, types, values, build, csharp);

    private static readonly ExprType I32 = ExprType.Int32, I64 = ExprType.Int64, F64 = ExprType.Float64, F32 = ExprType.Float32, B = ExprType.Bool, S = ExprType.Utf8, Ts = ExprType.Timestamp, Du = ExprType.Duration;

    private static Expr Call(string f, params Expr[] a) => Expr.Call(f, a);

    public static IEnumerable<Case> Cases()
    {
        int imax = int.MaxValue, imin = int.MinValue, zero = 0, minusOne = -1;
        long lmin = long.MinValue;
        double nan = double.NaN, nan2 = double.NaN;
        float fnan = float.NaN;
        int big = 65536;
        yield return C("int add wraps", [I32, I32], [imax, 1], a => Expr.Add(a[0], a[1]), () => unchecked(imax + 1));
        yield return C("long mul wraps", [I64, I64], [long.MaxValue, 3L], a => Expr.Mul(a[0], a[1]), () => unchecked(long.MaxValue * 3L));
        yield return C("int neg of MinValue wraps", [I32], [imin], a => Call("neg", a[0]), () => unchecked(-imin));
        yield return C("checked int add overflows", [I32, I32], [imax, 1], a => Call("add_checked", a[0], a[1]), () => checked(imax + 1));
        yield return C("checked long sub overflows", [I64, I64], [lmin, 1L], a => Call("sub_checked", a[0], a[1]), () => checked(lmin - 1L));
        yield return C("checked int mul overflows", [I32, I32], [65536, 65536], a => Call("mul_checked", a[0], a[1]), () => checked(big * big));
        yield return C("checked int add in range", [I32, I32], [5, 6], a => Call("add_checked", a[0], a[1]), () => checked(5 + 6));
        yield return C("int divide by zero", [I32, I32], [7, 0], a => Expr.Div(a[0], a[1]), () => 7 / zero);
        yield return C("long remainder by zero", [I64, I64], [7L, 0L], a => Call("rem", a[0], a[1]), () => 7L % (long)zero);
        yield return C("int MinValue / -1", [I32, I32], [imin, -1], a => Expr.Div(a[0], a[1]), () => imin / minusOne);
        yield return C("long MinValue % -1", [I64, I64], [lmin, -1L], a => Call("rem", a[0], a[1]), () => lmin % (long)minusOne);
        yield return C("int division truncates toward zero", [I32, I32], [-7, 2], a => Expr.Div(a[0], a[1]), () => -7 / 2);
        yield return C("int remainder takes the dividend's sign", [I32, I32], [-7, 2], a => Call("rem", a[0], a[1]), () => -7 % 2);
        yield return C("double divide by zero is infinity", [F64, F64], [-1.0, 0.0], a => Expr.Div(a[0], a[1]), () => -1.0 / 0.0);
        yield return C("0.0 / 0.0 is NaN", [F64, F64], [0.0, 0.0], a => Expr.Div(a[0], a[1]), () => 0.0 / 0.0);
        yield return C("double remainder is truncated", [F64, F64], [-5.5, 2.0], a => Call("rem", a[0], a[1]), () => -5.5 % 2.0);
        yield return C("Math.Max propagates NaN (left)", [F64, F64], [nan, 1.0], a => Call("max", a[0], a[1]), () => Math.Max(nan, 1.0));
        yield return C("Math.Max propagates NaN (right)", [F64, F64], [1.0, nan], a => Call("max", a[0], a[1]), () => Math.Max(1.0, nan));
        yield return C("Math.Min propagates NaN", [F32, F32], [float.NaN, 1f], a => Call("min", a[0], a[1]), () => Math.Min(float.NaN, 1f));
        yield return C("Math.Max(-0.0, 0.0) is +0", [F64, F64], [-0.0, 0.0], a => Call("max", a[0], a[1]), () => Math.Max(-0.0, 0.0));
        yield return C("Math.Min(0.0, -0.0) is -0", [F64, F64], [0.0, -0.0], a => Call("min", a[0], a[1]), () => Math.Min(0.0, -0.0));
        foreach (double x in new[] { 0.5, 1.5, 2.5, -2.5, -0.5, 3.5, 2.4999999999999996, 4503599627370497.0 })
            yield return C($"Math.Round({x}) is half to even", [F64], [x], a => Call("round", a[0]), () => Math.Round(x));
        yield return C("Math.Round(2.675, 2)", [F64, I32], [2.675, 2], a => Call("round", a[0], a[1]), () => Math.Round(2.675, 2));
        yield return C("Math.Round(1.005, 2)", [F64, I32], [1.005, 2], a => Call("round", a[0], a[1]), () => Math.Round(1.005, 2));
        yield return C("Math.Round(0.125, 2)", [F64, I32], [0.125, 2], a => Call("round", a[0], a[1]), () => Math.Round(0.125, 2));
        yield return C("Math.Round with 16 digits fails", [F64, I32], [1.0, 16], a => Call("round", a[0], a[1]), () => Math.Round(1.0, 16));
        yield return C("MathF.Round(2.5f)", [F32], [2.5f], a => Call("round", a[0]), () => MathF.Round(2.5f));
        foreach (double x in new[] { 1e20, -1e20, double.NaN, 2.9, -2.9, double.PositiveInfinity, 2147483647.5 })
        {
            yield return C($"(int){x} saturates", [F64], [x], a => Expr.Cast(a[0], I32), () => (int)x);
            yield return C($"(long){x} saturates", [F64], [x], a => Expr.Cast(a[0], I64), () => (long)x);
        }
        yield return C("(int)float NaN", [F32], [float.NaN], a => Expr.Cast(a[0], I32), () => (int)fnan);
        yield return C("(int)long wraps", [I64], [(1L << 32) + 5], a => Expr.Cast(a[0], I32), () => unchecked((int)((1L << 32) + 5)));
        yield return C("(float)long rounds", [I64], [long.MaxValue], a => Expr.Cast(a[0], F32), () => (float)long.MaxValue);
        yield return C("(float)double", [F64], [1e300], a => Expr.Cast(a[0], F32), () => (float)1e300);
        yield return C("NaN < 1 is false", [F64, F64], [nan, 1.0], a => Call("lt", a[0], a[1]), () => nan < 1.0);
        yield return C("NaN >= NaN is false", [F64, F64], [nan, nan], a => Call("ge", a[0], a[1]), () => nan >= nan2);
        yield return C("NaN == NaN is false", [F64, F64], [nan, nan], a => Call("eq", a[0], a[1]), () => nan == nan2);
        yield return C("NaN != NaN is true", [F64, F64], [nan, nan], a => Call("ne", a[0], a[1]), () => nan != nan2);
        double? dnull = null, dnull2 = null;
        int? inull = null, inull2 = null;
        yield return C("lifted null < 1 is false", [F64, F64], [null, 1.0], a => Call("lt", a[0], a[1]), () => dnull < 1.0);
        yield return C("lifted 1 >= null is false", [F64, F64], [1.0, null], a => Call("ge", a[0], a[1]), () => 1.0 >= dnull);
        yield return C("lifted null <= null is false", [I32, I32], [null, null], a => Call("le", a[0], a[1]), () => inull <= inull2);
        yield return C("lifted null == null is true", [I32, I32], [null, null], a => Call("eq", a[0], a[1]), () => inull == inull2);
        yield return C("lifted null == 1 is false", [I32, I32], [null, 1], a => Call("eq", a[0], a[1]), () => inull == 1);
        yield return C("lifted null != 1 is true", [I32, I32], [null, 1], a => Call("ne", a[0], a[1]), () => inull != 1);
        yield return C("lifted null != null is false", [F64, F64], [null, null], a => Call("ne", a[0], a[1]), () => dnull != dnull2);
        yield return C("lifted null + 1 is null", [F64, F64], [null, 1.0], a => Expr.Add(a[0], a[1]), () => dnull + 1.0);
        bool? bnull = null;
        yield return C("bool? null & false is false", [B, B], [null, false], a => Expr.And(a[0], a[1]), () => bnull & false);
        yield return C("bool? null & true is null", [B, B], [null, true], a => Expr.And(a[0], a[1]), () => bnull & true);
        yield return C("bool? true | null is true", [B, B], [true, null], a => Expr.Or(a[0], a[1]), () => true | bnull);
        yield return C("bool? false | null is null", [B, B], [false, null], a => Expr.Or(a[0], a[1]), () => false | bnull);
        yield return C("bool? !null is null", [B], [null], a => Expr.Not(a[0]), () => !bnull);
        yield return C("bool xor", [B, B], [true, false], a => Call("xor", a[0], a[1]), () => true ^ false);
        yield return C("ordinal string equality", [S, S], ["a", "A"], a => Call("eq", a[0], a[1]), () => "a" == "A");
        string? snull = null, snull2 = null;
        yield return C("string null == null", [S, S], [null, null], a => Call("eq", a[0], a[1]), () => snull == snull2);
        yield return C("Length counts UTF-16 units", [S], ["😀é"], a => Call("length", a[0]), () => "😀é".Length);
        yield return C("ToUpperInvariant", [S], ["straße ǅ éi"], a => Call("upper", a[0]), () => "straße ǅ éi".ToUpperInvariant());
        yield return C("ToLowerInvariant", [S], ["İSTANBUL ÄÖ"], a => Call("lower", a[0]), () => "İSTANBUL ÄÖ".ToLowerInvariant());
        yield return C("Trim", [S], ["\u00A0 x y\u2003\t"], a => Call("trim", a[0]), () => "\u00A0 x y\u2003\t".Trim());
        yield return C("Contains ordinal", [S, S], ["Hello", "ell"], a => Call("contains", a[0], a[1]), () => "Hello".Contains("ell", StringComparison.Ordinal));
        yield return C("Contains ordinal is case-sensitive", [S, S], ["Hello", "ELL"], a => Call("contains", a[0], a[1]), () => "Hello".Contains("ELL", StringComparison.Ordinal));
        yield return C("Contains ignore case", [S, S], ["Hello", "ELL"], a => Call("contains_ignore_case", a[0], a[1]), () => "Hello".Contains("ELL", StringComparison.OrdinalIgnoreCase));
        yield return C("StartsWith empty", [S, S], ["abc", ""], a => Call("starts_with", a[0], a[1]), () => "abc".StartsWith("", StringComparison.Ordinal));
        yield return C("EndsWith ignore case non-ASCII", [S, S], ["STRAÄ", "ä"], a => Call("ends_with_ignore_case", a[0], a[1]), () => "STRAÄ".EndsWith("ä", StringComparison.OrdinalIgnoreCase));
        yield return C("Substring(start, length)", [S, I32, I32], ["😀abc", 2, 2], a => Call("substring", a[0], a[1], a[2]), () => "😀abc".Substring(2, 2));
        yield return C("Substring out of range", [S, I32, I32], ["abc", 2, 5], a => Call("substring", a[0], a[1], a[2]), () => "abc".Substring(2, 5));
        yield return C("Substring negative start", [S, I32], ["abc", -1], a => Call("substring", a[0], a[1]), () => "abc".Substring(-1));
        yield return C("concat treats null as empty", [S, S], [null, "x"], a => Call("concat", a[0], a[1]), () => snull + "x");
        yield return C("IsNullOrEmpty(null)", [S], [null], a => Call("is_null_or_empty", a[0]), () => string.IsNullOrEmpty(snull));
        yield return C("IsNullOrWhiteSpace", [S], ["\u2003 "], a => Call("is_null_or_whitespace", a[0]), () => string.IsNullOrWhiteSpace("\u2003 "));
        yield return C("Math.Abs(int.MinValue) fails", [I32], [imin], a => Call("abs", a[0]), () => Math.Abs(imin));
        yield return C("Math.Clamp with min > max fails", [F64, F64, F64], [1.0, 2.0, 1.0], a => Call("clamp", a[0], a[1], a[2]), () => Math.Clamp(1.0, 2.0, 1.0));
        yield return C("Math.Clamp(NaN)", [F64, F64, F64], [nan, 0.0, 1.0], a => Call("clamp", a[0], a[1], a[2]), () => Math.Clamp(nan, 0.0, 1.0));
        yield return C("Math.Sqrt", [F64], [2.0], a => Call("sqrt", a[0]), () => Math.Sqrt(2.0));
        yield return C("Math.Exp", [F64], [1.5], a => Call("exp", a[0]), () => Math.Exp(1.5));
        yield return C("Math.Log(-1) is NaN", [F64], [-1.0], a => Call("log", a[0]), () => Math.Log(-1.0));
        yield return C("Math.Pow", [F64, F64], [2.0, 0.5], a => Call("pow", a[0], a[1]), () => Math.Pow(2.0, 0.5));
        yield return C("Math.Floor(-0.5) is -0", [F64], [-0.5], a => Call("floor", a[0]), () => Math.Floor(-0.5));
        yield return C("Math.Ceiling(-0.5) is -0", [F64], [-0.5], a => Call("ceiling", a[0]), () => Math.Ceiling(-0.5));
        yield return C("double.IsNaN", [F64], [nan], a => Call("is_nan", a[0]), () => double.IsNaN(nan));
        yield return C("double.IsInfinity(-inf)", [F64], [double.NegativeInfinity], a => Call("is_infinity", a[0]), () => double.IsInfinity(double.NegativeInfinity));
        yield return C("int.ToString()", [I32], [-123], a => Call("to_string", a[0]), () => (-123).ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return C("double.ToString() round-trips", [F64], [0.1 + 0.2], a => Call("to_string", a[0]), () => (0.1 + 0.2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return C("double.ToString() of NaN", [F64], [nan], a => Call("to_string", a[0]), () => nan.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var t1 = new DateTime(2024, 2, 29, 23, 59, 58, 123).AddTicks(4560);
        var t0 = new DateTime(1999, 12, 31, 1, 2, 3);
        yield return C("timestamp - timestamp", [Ts, Ts], [t1, t0], a => Expr.Sub(a[0], a[1]), () => t1 - t0);
        yield return C("timestamp + duration", [Ts, Du], [t1, TimeSpan.FromHours(3)], a => Expr.Add(a[0], a[1]), () => t1 + TimeSpan.FromHours(3));
        var last = new DateTime(9999, 12, 31, 23, 59, 59).AddTicks(9_999_990);
        var first = new DateTime(1, 1, 1, 0, 0, 5);
        var longest = TimeSpan.FromTicks(922_337_203_685_477_580L * 10);
        var tick = TimeSpan.FromTicks(10);
        yield return C("timestamp + duration onto DateTime's last microsecond", [Ts, Du], [last.AddTicks(-10), tick], a => Expr.Add(a[0], a[1]), () => last.AddTicks(-10) + tick);
        yield return C("timestamp + duration past DateTime.MaxValue fails", [Ts, Du], [last, tick], a => Expr.Add(a[0], a[1]), () => last + tick);
        yield return C("timestamp - duration before year 1 fails", [Ts, Du], [first, TimeSpan.FromSeconds(6)], a => Expr.Sub(a[0], a[1]), () => first - TimeSpan.FromSeconds(6));
        yield return C("timestamp - negative duration past DateTime.MaxValue fails", [Ts, Du], [last, -tick], a => Expr.Sub(a[0], a[1]), () => last - -tick);
        yield return C("duration + duration past TimeSpan's range fails", [Du, Du], [longest, tick], a => Expr.Add(a[0], a[1]), () => longest + tick);
        yield return C("duration - duration below TimeSpan's range fails", [Du, Du], [-longest, tick], a => Expr.Sub(a[0], a[1]), () => -longest - tick);
        yield return C("duration + duration at TimeSpan's edge", [Du, Du], [longest - tick, tick], a => Expr.Add(a[0], a[1]), () => longest - tick + tick);
        yield return C("Year", [Ts], [t1], a => Call("year", a[0]), () => t1.Year);
        yield return C("Month", [Ts], [t1], a => Call("month", a[0]), () => t1.Month);
        yield return C("Day", [Ts], [t1], a => Call("day", a[0]), () => t1.Day);
        yield return C("Hour", [Ts], [t1], a => Call("hour", a[0]), () => t1.Hour);
        yield return C("DayOfWeek", [Ts], [t1], a => Call("day_of_week", a[0]), () => (int)t1.DayOfWeek);
        yield return C("if takes only the taken branch's error", [I32, I32], [7, 0], a => Expr.If(Call("eq", a[1], Expr.Lit(0)), Expr.Lit(-1), Expr.Div(a[0], a[1])), () => zero == 0 ? -1 : 7 / zero);
        yield return C("coalesce evaluates the fallback only for null", [I32, I32], [5, 0], a => Expr.Coalesce(a[0], Expr.Div(a[0], a[1])), () => (int?)5 ?? 5 / zero);
        yield return C("error node fails the row", [I32], [1], a => Expr.If(Call("gt", a[0], Expr.Lit(0)), Expr.Error("positive!", I32), a[0]), () => 1 > 0 ? throw new ArgumentException("positive!") : 1);
        foreach (var c in MemberCases()) yield return c;
    }

    [TestCaseSource(nameof(Cases))]
    public void Evaluation_matches_the_CSharp_expression(Case c)
    {
        object? expected = null;
        string? expectedError = null;
        try
        {
            expected = c.CSharp();
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException)
        {
            expectedError = e.Message;
        }
        if (expected is DateTime dt) expected = new DateTime(dt.Ticks);
        var args = c.Types.Select((t, i) => (Expr)Expr.Col($"c{i}", t, nullable: c.Values[i] is null)).ToArray();
        var expr = c.Build(args);
        if (path == EvaluationPath.Reference)
        {
            var v = ReferenceEvaluator.EvaluateRow(expr, name => c.Values[int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.That(v.Error, Is.EqualTo(expectedError));
            Assert.That(TestData.SameValue(expected, v.Value), $"expected {TestData.Show(expected)}, got {TestData.Show(v.Value)}");
            return;
        }
        var columns = c.Types.Select((t, i) => ($"c{i}", ArrowValues.BuildArray(t, Enumerable.Repeat(c.Values[i], Rows).ToArray()))).ToArray();
        var batch = TestData.Batch(columns);
        var result = ExpressionCompiler.Compile([expr], batch.Schema).Evaluate(batch)[0];
        for (int row = 0; row < Rows; row++)
        {
            var actual = ArrowValues.GetValue(result.Values, row);
            Assert.That(TestData.SameValue(expected, actual), $"row {row}: expected {TestData.Show(expected)}, got {TestData.Show(actual)}");
        }
        Assert.That(result.RowErrors.Select(e => e.Message), Is.EqualTo(expectedError is null ? Array.Empty<string>() : Enumerable.Repeat(expectedError, Rows)));
    }
}

public enum EvaluationPath
{
    Reference,
    Compiled,
}
