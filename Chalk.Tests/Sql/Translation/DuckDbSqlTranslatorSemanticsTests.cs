using Chalk.Expressions;
using Chalk.Sql.Translation;
using DuckDB.NET.Data;
using static Chalk.Expressions.Expr;

namespace Chalk.Tests.Sql.Translation;

[TestFixture]
public class DuckDbSqlTranslatorSemanticsTests
{
    private static readonly ColumnExpr I = Col("i", ExprType.Int32, true);
    private static readonly ColumnExpr J = Col("j", ExprType.Int32, true);
    private static readonly ColumnExpr L = Col("l", ExprType.Int64, true);
    private static readonly ColumnExpr F = Col("f", ExprType.Float32, true);
    private static readonly ColumnExpr D = Col("d", ExprType.Float64, true);
    private static readonly ColumnExpr E = Col("e", ExprType.Float64, true);
    private static readonly ColumnExpr S = Col("s", ExprType.Utf8, true);
    private static readonly ColumnExpr U = Col("u", ExprType.Utf8, true);
    private static readonly ColumnExpr B = Col("b", ExprType.Bool, true);
    private static readonly ColumnExpr Ts = Col("t", ExprType.Timestamp, true);
    private static readonly ColumnExpr P = Col("p", ExprType.Duration, true);

    private static readonly object?[] s_ints = [null, 0, 1, -1, 7, -7, 2, int.MaxValue, int.MinValue, 46341];
    private static readonly object?[] s_longs = [null, 0L, 1L, -1L, -7L, long.MaxValue, long.MinValue, 3037000500L];
    private static readonly object?[] s_doubles = [null, 0d, -0d, 1d, -1d, 0.5, 1.5, 2.5, -2.5, -0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, 3e9, -3e9, 1e19, 2147483647.5, 3.4028235677973366e38, 3.4028235e38, 5.5, -5.5, -4503599627370494.5, 4503599627370493.5, 0.49999999999999994];
    private static readonly object?[] s_floats = [null, 0f, -0f, 1f, -1f, 2.5f, -2.5f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, 3e9f, 1e19f];
    private static readonly object?[] s_strings = [null, "", "a", "abc", " x ", "\u3000x\u0085", "\t\n", "ß", "İı", "😀", "a😀b😀", "é", "a'b", "ABC"];

    private static readonly object?[] s_durations =
    [
        null, TimeSpan.Zero, TimeSpan.FromDays(1), TimeSpan.FromDays(-1), TimeSpan.FromMicroseconds(1),
        TimeSpan.FromTicks(TimeSpan.MaxValue.Ticks / 10 * 10), TimeSpan.FromTicks(TimeSpan.MinValue.Ticks / 10 * 10 + 10),
    ];

    private static DuckDbHarness s_db = null!;

    [OneTimeSetUp]
    public void SetUp()
    {
        // Pair up the interesting values: column k of row r cycles through its list at a different pace per column.
        var rows = new List<Dictionary<string, object?>>();
        for (int r = 0; r < 160; r++)
        {
            rows.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["b"] = r % 3 == 0 ? null : r % 3 == 1,
                ["i"] = s_ints[r % s_ints.Length],
                ["j"] = s_ints[r / s_ints.Length % s_ints.Length],
                ["l"] = s_longs[r % s_longs.Length],
                ["f"] = s_floats[r % s_floats.Length],
                ["d"] = s_doubles[r % s_doubles.Length],
                ["e"] = s_doubles[r / 7 % s_doubles.Length],
                ["s"] = s_strings[r % s_strings.Length],
                ["u"] = s_strings[r / 3 % s_strings.Length],
                ["t"] = r % 5 == 0 ? null : r % 11 == 1 ? DateTime.MaxValue.AddTicks(-9) : r % 11 == 2 ? DateTime.MinValue : new DateTime(2024, 1, 1).AddDays(r * 37).AddTicks(r * 1_234_560),
                ["p"] = s_durations[r % s_durations.Length],
            });
        }
        s_db = new DuckDbHarness(rows);
    }

    [OneTimeTearDown]
    public void TearDown() => s_db.Dispose();

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData C(string name, Expr e) => new TestCaseData(e).SetName(name);
        yield return C("Int32 add, sub, mul and neg wrap", Add(Mul(I, J), Sub(I, Call("neg", J))));
        yield return C("Int64 add, sub, mul and neg wrap", Add(Mul(L, L), Sub(L, Call("neg", L))));
        yield return C("Checked int32 arithmetic fails on overflow", Call("add_checked", Call("mul_checked", I, J), Call("sub_checked", J, I)));
        yield return C("Checked int64 arithmetic fails on overflow", Call("mul_checked", L, L));
        yield return C("Integer division truncates and fails on zero and MinValue by minus one", Div(I, J));
        yield return C("Int64 remainder fails on zero and MinValue by minus one", Call("rem", L, Cast(J, ExprType.Int64)));
        yield return C("Division of literals that would overflow fails per row", If(B, Div(Lit(int.MinValue), Lit(-1)), I));
        yield return C("Float division by zero gives infinity or NaN", Div(D, E));
        yield return C("Float remainder is truncated fmod", Call("rem", D, E));
        yield return C("Float32 arithmetic stays single precision", Add(Mul(F, F), Div(F, Lit(3f))));
        yield return C("Max propagates NaN and prefers positive zero", Call("max", D, E));
        yield return C("Min propagates NaN and prefers negative zero", Call("min", D, E));
        yield return C("Float32 min and max", Call("max", F, Call("min", F, Lit(-0f))));
        // Beside a constant (one comparison): each sign of zero on each side, a non-zero constant, float32.
        yield return C("Max with positive zero first", Call("max", Lit(0.0), D));
        yield return C("Max with negative zero second", Call("max", D, Lit(-0.0)));
        yield return C("Min with positive zero second", Call("min", D, Lit(0.0)));
        yield return C("Min with negative zero first", Call("min", Lit(-0.0), D));
        yield return C("Max and min with a non-zero constant", Call("min", Call("max", D, Lit(-2.5)), Lit(2.5)));
        yield return C("Float32 max with a constant", Call("max", Lit(0f), F));
        yield return C("Integer abs fails on MinValue", Call("abs", I));
        yield return C("Clamp fails when min exceeds max", Call("clamp", I, J, Lit(5)));
        yield return C("Float clamp passes NaN through", Call("clamp", D, E, Lit(2.0)));
        yield return C("Round is half to even", Call("round", D));
        yield return C("Float32 round is half to even", Call("round", F));
        yield return C("Round with digits scales like Math.Round", Add(Call("round", D, Lit(2)), Call("round", E, Lit(15))));
        yield return C("Round with digits fails outside 0 to 15", Call("round", D, J));
        yield return C("Float32 round with digits scales like MathF.Round", Call("round", F, Call("clamp", J, Lit(0), Lit(7))));
        yield return C("Sqrt and log of negatives and zero give NaN and minus infinity", Add(Call("sqrt", D), Call("log", E)));
        yield return C("Sqrt of a negative literal does not fail the query", Call("sqrt", Lit(-1.0)));
        yield return C("Log of zero literal is minus infinity", Call("log", Lit(0.0)));
        yield return C("Pow and exp match Math", Add(Call("pow", D, E), Call("exp", D)));
        yield return C("Double to int32 saturates and maps NaN to zero", Cast(D, ExprType.Int32));
        yield return C("Double to int64 saturates and maps NaN to zero", Cast(D, ExprType.Int64));
        yield return C("Float32 to int saturates", Add(Cast(F, ExprType.Int64), Cast(Cast(F, ExprType.Int32), ExprType.Int64)));
        yield return C("Double to float32 overflows to infinity", Cast(D, ExprType.Float32));
        yield return C("Int64 to int32 wraps", Cast(L, ExprType.Int32));
        yield return C("Int64 to float32 rounds to nearest", Cast(L, ExprType.Float32));
        yield return C("Comparisons with NaN are false", And(Call("lt", D, E), Or(Call("ge", D, E), Call("eq", D, E))));
        yield return C("Ne with NaN is true", Call("ne", D, E));
        yield return C("Lifted comparisons with null are never null", Call("eq", I, J));
        yield return C("Lifted ordering with null is false", Or(Call("le", I, J), Call("gt", L, Lit(0L))));
        yield return C("Ne with one null is true", Call("ne", S, U));
        yield return C("And and or follow bool? operators", Or(And(B, Call("is_nan", D)), Not(B)));
        yield return C("Xor propagates null", Call("xor", B, Call("lt", I, J)));
        yield return C("Strings compare ordinally", Call("eq", S, U));
        yield return C("Length counts UTF-16 code units", Call("length", S));
        yield return C("Trim removes .NET white space", Call("trim", S));
        yield return C("Is null or white space", Call("is_null_or_whitespace", S));
        yield return C("Is null or empty", Call("is_null_or_empty", S));
        yield return C("Concat treats null as empty", Call("concat", S, U));
        yield return C("Contains, starts and ends with are ordinal", And(Call("contains", S, U), Or(Call("starts_with", S, U), Call("ends_with", U, S))));
        yield return C("Timestamp parts", Add(Add(Call("year", Ts), Call("day_of_week", Ts)), Add(Call("second", Ts), Call("day_of_year", Ts))));
        yield return C("Timestamp difference is a duration in microseconds", Call("sub", Ts, Lit(new DateTime(2000, 1, 1))));
        yield return C("Timestamp plus duration fails outside DateTime's range", Call("add", Ts, P));
        yield return C("Timestamp minus duration fails outside DateTime's range", Call("sub", Ts, P));
        yield return C("Duration sum fails on TimeSpan overflow", Add(P, P));
        yield return C("Duration difference and negation", Call("sub", Call("neg", P), Lit(TimeSpan.FromSeconds(1.5))));
        yield return C("Duration comparisons", Or(Call("lt", P, Lit(TimeSpan.Zero)), Call("eq", P, Lit(TimeSpan.FromDays(1)))));
        yield return C("Timestamp comparisons", Call("lt", Ts, Lit(new DateTime(2025, 1, 1))));
        yield return C("If evaluates only the taken branch", If(Call("ne", J, Lit(0)), Div(I, J), Lit(0)));
        yield return C("Null condition takes the else branch", If(B, Lit(1), Lit(2)));
        yield return C("Coalesce evaluates operands only while null", Coalesce(I, Div(J, I), Lit(3)));
        yield return C("Is null of a failing operand fails", IsNull(Div(I, J)));
        yield return C("Error fails the rows that reach it", If(Call("lt", I, Lit(0)), Error("negative", ExprType.Int32), I));
        yield return C("Literals of every type round-trip", Call("concat", If(Call("eq", Lit(double.NaN), Lit(double.NaN)), Lit("x"), Lit("it's")), Lit("😀é")));
        yield return C("Negative zero literal keeps its sign", Call("max", Lit(-0.0), D));
        yield return C("Infinite literals", Add(Lit(double.NegativeInfinity), Cast(Lit(float.PositiveInfinity), ExprType.Float64)));
        yield return C("Timestamp literal", Call("eq", Ts, Lit(new DateTime(2024, 2, 7, 0, 0, 0).AddTicks(1_234_560))));
        yield return C("Argument errors come before the function's own", Add(Div(I, J), Call("abs", I)));
        yield return C("Int32 to_string is invariant", Call("to_string", I));
        yield return C("Int64 to_string is invariant", Call("to_string", L));
        yield return C("Integer and, or, xor and not", Add(Call("bit_and", I, J), Call("bit_xor", Call("bit_or", I, Call("bit_not", J)), Lit(0x5A5A))));
        yield return C("Int64 bitwise operators", Call("bit_xor", Call("bit_and", L, Call("bit_not", L)), Call("bit_or", L, Lit(1L << 40))));
        yield return C("Int32 shifts mask the count and wrap", Add(Call("shl", I, J), Add(Call("shr", I, J), Call("shr_un", I, J))));
        yield return C("Int64 shifts mask the count and wrap", Call("bit_xor", Call("shl", L, J), Call("bit_xor", Call("shr", L, J), Call("shr_un", L, J))));
        yield return C("Sign of integers", Add(Call("sign", I), Call("sign", L)));
        yield return C("Sign of floats fails on NaN and maps -0 to 0", Add(Call("sign", D), Call("sign", F)));
        yield return C("Truncate keeps -0, NaN and infinities", Add(Call("truncate", D), Cast(Call("truncate", F), ExprType.Float64)));
        yield return C("Log10 of negatives and zero", Call("log10", D));
        yield return C("Log with a base follows Math.Log(a, newBase)", Call("log", D, E));
        yield return C("Date and TimeOfDay", Call("add", Call("date", Ts), Call("time_of_day", Ts)));
        yield return C("TimeOfDay alone", Call("time_of_day", Ts));
        yield return C("TimeSpan totals", Add(Add(Call("total_days", P), Call("total_hours", P)), Add(Call("total_minutes", P), Call("total_seconds", P))));
        yield return C("TimeSpan.TotalMilliseconds clamps", Call("total_milliseconds", P));
        yield return C("TimeSpan components", Add(Add(Call("duration_days", P), Call("duration_hours", P)), Add(Call("duration_minutes", P), Add(Call("duration_seconds", P), Call("duration_milliseconds", P)))));
        yield return C("TimeSpan.FromDays and FromHours of int fail out of range", Call("add", Call("from_days", I), Call("from_hours", J)));
        yield return C("TimeSpan.FromMinutes, FromSeconds and FromMilliseconds of long", Call("sub", Call("from_minutes", L), Call("add", Call("from_seconds", L), Call("from_milliseconds", L))));
    }

    [TestCaseSource(nameof(Cases))]
    public void Translation_matches_the_reference_on_edge_rows(Expr expr)
    {
        var tr = DuckDbSqlTranslator.Translate(expr, DuckDbHarness.ColumnSql);
        Assert.That(tr.Succeeded, Is.True, () => tr.FailureReason!);
        Assert.That(s_db.Compare(expr, tr), Is.Null);
    }

    [Test]
    public void Division_by_zero_raises_with_the_dotnet_message()
    {
        var tr = DuckDbSqlTranslator.Translate(Div(I, Lit(0)), DuckDbHarness.ColumnSql);
        Assert.That(tr.CanFail, Is.True);
        var ex = Assert.Throws<DuckDBException>(() => s_db.Query($"SELECT {tr.Sql} FROM t"));
        Assert.That(ex!.Message, Does.Contain("Attempted to divide by zero."));
    }

    [Test]
    public void Error_sql_flags_exactly_the_failing_rows()
    {
        var expr = Div(Lit(10), I);
        var tr = DuckDbSqlTranslator.Translate(expr, DuckDbHarness.ColumnSql);
        var flagged = s_db.Query($"SELECT rid FROM t WHERE ({tr.ErrorSql}) IS NOT NULL ORDER BY rid").Select(r => (int)r[0]!).ToList();
        var expected = Enumerable.Range(0, s_db.Rows.Count).Where(r => s_db.Rows[r]["i"] is 0).ToList();
        Assert.That(flagged, Is.EqualTo(expected));
    }

    [Test]
    public void Expressions_that_cannot_fail_have_no_error_sql()
    {
        var tr = DuckDbSqlTranslator.Translate(Add(I, J), DuckDbHarness.ColumnSql);
        Assert.That(tr.CanFail, Is.False);
        Assert.That(tr.ErrorSql, Is.Null);
        Assert.That(tr.Sql, Is.EqualTo(tr.ValueSql));
    }

    [TestCase("exp", "no faithful DuckDB form for `exp` on float32")]
    [TestCase("log", "no faithful DuckDB form for `log` on float32")]
    public void Float32_exp_and_log_are_refused_with_a_reason(string name, string reason)
    {
        var tr = DuckDbSqlTranslator.Translate(Call(name, F), DuckDbHarness.ColumnSql);
        Assert.That(tr.Succeeded, Is.False);
        Assert.That(tr.FailureReason, Does.StartWith(reason));
        Assert.That(tr.Sql, Is.Null);
        Assert.That(() => tr.GetSqlOrThrow(), Throws.InvalidOperationException);
    }

    [Test]
    public void Substring_sub_microsecond_literals_and_float_text_are_refused_with_reasons()
    {
        Assert.That(DuckDbSqlTranslator.Translate(Call("substring", S, I), DuckDbHarness.ColumnSql).FailureReason, Does.Contain("`substring`"));
        Assert.That(DuckDbSqlTranslator.Translate(Lit(TimeSpan.FromTicks(15)), DuckDbHarness.ColumnSql).FailureReason, Does.Contain("microseconds"));
        Assert.That(DuckDbSqlTranslator.Translate(Lit("a\0b"), DuckDbHarness.ColumnSql).FailureReason, Does.Contain("U+0000"));
        Assert.That(DuckDbSqlTranslator.Translate(Call("to_string", D), DuckDbHarness.ColumnSql).FailureReason, Does.Contain("`to_string` on float64"));
    }

    [TestCase("add_days")]
    [TestCase("add_milliseconds")]
    public void Fractional_date_arithmetic_is_refused_with_a_reason(string name)
    {
        var tr = DuckDbSqlTranslator.Translate(Call(name, Ts, D), DuckDbHarness.ColumnSql);
        Assert.That(tr.FailureReason, Does.StartWith($"no faithful DuckDB form for `{name}`").And.Contain("100 ns ticks"));
        var from = DuckDbSqlTranslator.Translate(Call("from_hours", D), DuckDbHarness.ColumnSql);
        Assert.That(from.FailureReason, Does.StartWith("no faithful DuckDB form for `from_hours` on float64"));
        Assert.That(DuckDbSqlTranslator.Translate(Call("log10", F), DuckDbHarness.ColumnSql).FailureReason, Does.StartWith("no faithful DuckDB form for `log10` on float32"));
    }

    [TestCase("upper")]
    [TestCase("lower")]
    public void Case_mapping_matches_dotnet_on_every_scalar_value(string name)
    {
        string all = CaseMappingTables.AllScalars();
        var tr = DuckDbSqlTranslator.Translate(Call(name, Col("x", ExprType.Utf8)), _ => "$1");
        using var cmd = s_db.Connection.CreateCommand();
        cmd.CommandText = $"SELECT {tr.Sql}";
        cmd.Parameters.Add(new DuckDBParameter(all));
        var got = (string)cmd.ExecuteScalar()!;
        string want = name == "upper" ? all.ToUpperInvariant() : all.ToLowerInvariant();
        Assert.That(got == want, Is.True, "first difference at UTF-16 index " + Enumerable.Range(0, Math.Min(got.Length, want.Length)).FirstOrDefault(k => got[k] != want[k]));
    }

    [Test]
    public void Ignore_case_predicates_match_ordinal_ignore_case_on_tricky_letters()
    {
        string[] words = ["ß", "ẞ", "ı", "I", "i", "İ", "K", "\u212A", "k", "ſ", "s", "S", "ǅ", "ǆ", "Ǆ", "σ", "ς", "Σ", "é", "É", "𐐨", "𐐀", "µ", "Μ", "ÿ", "Ÿ", "abc", "ABC", ""];
        var rows = new List<string>();
        foreach (var x in words)
        {
            foreach (var y in words)
            {
                foreach (var (fn, want) in new (string, Func<string, string, bool>)[]
                {
                    ("contains_ignore_case", (a, b) => a.Contains(b, StringComparison.OrdinalIgnoreCase)),
                    ("starts_with_ignore_case", (a, b) => a.StartsWith(b, StringComparison.OrdinalIgnoreCase)),
                    ("ends_with_ignore_case", (a, b) => a.EndsWith(b, StringComparison.OrdinalIgnoreCase)),
                })
                {
                    var tr = DuckDbSqlTranslator.Translate(Call(fn, Lit("x" + x + "y"), Lit(y)), _ => throw new InvalidOperationException());
                    var got = (bool)s_db.Query("SELECT " + tr.Sql)[0][0]!;
                    if (got != want("x" + x + "y", y)) rows.Add($"{fn}(x{x}y, {y}): SQL {got}");
                }
            }
        }
        Assert.That(rows, Is.Empty);
    }

    [Test]
    public void DuckDb_upper_differs_from_dotnet_so_refusing_it_is_needed()
    {
        var got = (string)s_db.Query("SELECT upper('ß')")[0][0]!;
        Assert.That(got, Is.Not.EqualTo("ß".ToUpperInvariant()));
    }
}
