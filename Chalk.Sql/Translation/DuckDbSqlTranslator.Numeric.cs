using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    private const string DivideByZero = "Attempted to divide by zero.";
    private const string Overflow = "Arithmetic operation resulted in an overflow.";
    private const string NegateMin = "Negating the minimum value of a twos complement number is invalid.";

    /// <summary>The row error of <c>clamp</c> on floats when min &gt; max: .NET's message prints the bounds in a format SQL cannot reproduce.</summary>
    public const string FloatClampMessage = "clamp: min cannot be greater than max.";

    private static string Min(ExprType t) => t == ExprType.Int32 ? "CAST(-2147483648 AS INTEGER)" : "CAST(-9223372036854775808 AS BIGINT)";

    private static string Max(ExprType t) => t == ExprType.Int32 ? "CAST(2147483647 AS INTEGER)" : "CAST(9223372036854775807 AS BIGINT)";

    /// <summary>The type wide enough for exact int32/int64 add, sub, mul and neg.</summary>
    private static string Wide(ExprType t) => t == ExprType.Int32 ? "BIGINT" : "HUGEINT";

    // DuckDB raises on integer overflow; C# wraps. Compute exactly in the wider type, then reduce modulo 2^32/2^64
    // into the signed range (DuckDB's % truncates, so shift into the non-negative range first).
    private static string Wrap(ExprType t, string wide) => t == ExprType.Int32
        ? $"CAST((((({wide}) % 4294967296) + 6442450944) % 4294967296) - 2147483648 AS INTEGER)"
        : $"CAST((((({wide}) % CAST('18446744073709551616' AS HUGEINT)) + CAST('27670116110564327424' AS HUGEINT)) % CAST('18446744073709551616' AS HUGEINT)) - CAST('9223372036854775808' AS HUGEINT) AS BIGINT)";

    private static string InRange(ExprType t, string wide) => t == ExprType.Int32
        ? $"({wide}) BETWEEN -2147483648 AND 2147483647"
        : $"({wide}) BETWEEN CAST('-9223372036854775808' AS HUGEINT) AND CAST('9223372036854775807' AS HUGEINT)";

    private static string Nan(ExprType t) => $"CAST('nan' AS {T(t)})";

    /// <summary>IEEE comparison: false when either side is NaN (DuckDB orders NaN greatest and says NaN = NaN).</summary>
    private static string FloatCmp(string a, string op, string b) => $"(NOT isnan({a}) AND NOT isnan({b}) AND {a} {op} {b})";

    private static string Cmp(ExprType t, string a, string op, string b) => t.IsFloat() ? FloatCmp(a, op, b) : $"({a} {op} {b})";

    private static Frag Arith(CallExpr call, Frag[] a, string op, bool isChecked)
    {
        var t = call.Type;
        string type = T(t);
        if (t.IsFloat()) return new Frag(Lifted(a, $"({a[0].V} {op} {a[1].V})", type), FirstError(a, null), a.Any(x => x.MayBeNull));
        string wide = $"(CAST({a[0].V} AS {Wide(t)}) {op} CAST({a[1].V} AS {Wide(t)}))";
        if (!isChecked) return new Frag(Lifted(a, Wrap(t, wide), type), FirstError(a, null), a.Any(x => x.MayBeNull));
        string v = Lifted(a, $"CASE WHEN {InRange(t, wide)} THEN CAST({wide} AS {type}) ELSE CAST(NULL AS {type}) END", type);
        return new Frag(v, FirstError(a, LocalError(a, ($"NOT ({InRange(t, wide)})", Overflow))), a.Any(x => x.MayBeNull));
    }

    private static Frag DivRem(CallExpr call, Frag[] a, bool rem)
    {
        var t = call.Type;
        string type = T(t);
        bool nullable = a.Any(x => x.MayBeNull);
        if (t.IsFloat())
        {
            // IEEE: x / 0 is ±∞ or NaN under DuckDB's default ieee_floating_point_ops; x % y is fmod (truncated), as in C#.
            return new Frag(Lifted(a, $"({a[0].V} {(rem ? "%" : "/")} {a[1].V})", type), FirstError(a, null), nullable);
        }
        string x = a[0].V, y = a[1].V;
        string bad = $"({y} = 0 OR ({x} = {Min(t)} AND {y} = -1))";
        string v = Lifted(a, $"CASE WHEN {bad} THEN CAST(NULL AS {type}) ELSE ({x} {(rem ? "%" : "//")} {y}) END", type);
        string local = LocalError(a, ($"{y} = 0", DivideByZero), ($"{x} = {Min(t)} AND {y} = -1", Overflow));
        return new Frag(v, FirstError(a, local), nullable);
    }

    private static Frag Neg(CallExpr call, Frag[] a)
    {
        var t = call.Type;
        string v = t.IsFloat() ? $"(-{a[0].V})" : Wrap(t, $"(-CAST({a[0].V} AS {Wide(t)}))");
        return new Frag(Lifted(a, v, T(t)), FirstError(a, null), a[0].MayBeNull);
    }

    private static Frag Abs(CallExpr call, Frag[] a)
    {
        var t = call.Type;
        string type = T(t);
        if (t.IsFloat()) return new Frag(Lifted(a, $"abs({a[0].V})", type), FirstError(a, null), a[0].MayBeNull);
        string v = Lifted(a, $"CASE WHEN {a[0].V} = {Min(t)} THEN CAST(NULL AS {type}) ELSE abs({a[0].V}) END", type);
        return new Frag(v, FirstError(a, LocalError(a, ($"{a[0].V} = {Min(t)}", NegateMin))), a[0].MayBeNull);
    }

    private static Frag MinMax(CallExpr call, Frag[] a, bool max)
    {
        var t = call.Type;
        string type = T(t);
        string x = a[0].V, y = a[1].V;
        string body;
        if (t.IsInteger())
        {
            body = $"{(max ? "greatest" : "least")}({x}, {y})";
        }
        else
        {
            // Math.Max/Min: NaN wins; on equal operands (±0) Max prefers +0 and Min prefers −0.
            string tie = max ? $"CASE WHEN signbit({y}) THEN {x} ELSE {y} END" : $"CASE WHEN signbit({x}) THEN {x} ELSE {y} END";
            body = $"CASE WHEN isnan({x}) OR isnan({y}) THEN {Nan(t)} WHEN {x} {(max ? ">" : "<")} {y} THEN {x} WHEN {y} {(max ? ">" : "<")} {x} THEN {y} ELSE {tie} END";
        }
        // greatest/least skip NULLs and isnan(NaN) fires beside a NULL: not strict.
        return new Frag(NullGuarded(a, body, type), FirstError(a, null), a.Any(z => z.MayBeNull));
    }

    private static Frag Clamp(CallExpr call, Frag[] a)
    {
        var t = call.Type;
        string type = T(t);
        string v = a[0].V, lo = a[1].V, hi = a[2].V;
        // Math.Clamp: throws when min > max (NaN bounds never throw); value < min → min; value > max → max; else value.
        string body = $"CASE WHEN {Cmp(t, lo, ">", hi)} THEN CAST(NULL AS {type}) WHEN {Cmp(t, v, "<", lo)} THEN {lo} WHEN {Cmp(t, v, ">", hi)} THEN {hi} ELSE {v} END";
        // The message formats the bounds with the current culture; only integers print identically in SQL.
        string message = t.IsInteger() ? $"'''' || {lo} || ''' cannot be greater than ' || {hi} || '.'" : Str(FloatClampMessage);
        string present = AllPresent(a) is { } p ? $"({p}) AND " : "";
        string local = $"CASE WHEN {present}{Cmp(t, lo, ">", hi)} THEN {message} END";
        return new Frag(NullGuarded(a, body, type), FirstError(a, local), a.Any(z => z.MayBeNull));
    }

    private static Frag FloatUnary(CallExpr call, Frag[] a, string name)
    {
        var t = call.Type;
        string type = T(t);
        string x = a[0].V;
        string body = name switch
        {
            "floor" => $"floor({x})",
            "ceiling" => $"ceil({x})",
            // DuckDB raises where C# returns NaN/−∞. A float32 sqrt computed in double and rounded once is exact.
            "sqrt" => $"CASE WHEN {x} < 0 THEN {Nan(t)} ELSE sqrt({x}) END",
            "exp" when t == ExprType.Float64 => $"exp({x})",
            "log" when t == ExprType.Float64 => Ln(x),
            "log10" when t == ExprType.Float64 => $"CASE WHEN {x} < 0 THEN {Nan(t)} WHEN {x} = 0 THEN CAST('-inf' AS DOUBLE) ELSE log10({x}) END",
            "truncate" => $"trunc({x})",
            "round" when t == ExprType.Float64 => HalfEven(x),
            "round" => $"CAST({HalfEven($"CAST({x} AS DOUBLE)")} AS FLOAT)",
            _ => throw Refuse($"no faithful DuckDB form for `{name}` on {t.Name()}: DuckDB computes it in double and rounds, which can differ from MathF.{name} in the last bit"),
        };
        if (name == "sqrt" && t == ExprType.Float32) body = $"CASE WHEN {x} < 0 THEN {Nan(t)} ELSE CAST(sqrt(CAST({x} AS DOUBLE)) AS FLOAT) END";
        return new Frag(Lifted(a, body, type), FirstError(a, null), a[0].MayBeNull);
    }

    /// <summary>Math.Log(x): DuckDB's ln raises where .NET returns NaN (x &lt; 0) or −∞ (x = 0).</summary>
    private static string Ln(string x) =>
        $"CASE WHEN {x} < 0 THEN CAST('nan' AS DOUBLE) WHEN {x} = 0 THEN CAST('-inf' AS DOUBLE) ELSE ln({x}) END";

    /// <summary>Math.Log(a, newBase): NaN operands first, then base 1, then base 0 or +∞ (unless a = 1), else ln(a) / ln(newBase).</summary>
    private static Frag LogBase(CallExpr call, Frag[] a)
    {
        string x = a[0].V, b = a[1].V, nan = Nan(ExprType.Float64);
        string body = $"CASE WHEN isnan({x}) THEN {x} WHEN isnan({b}) THEN {b} WHEN {b} = 1 THEN {nan} " +
            $"WHEN {x} <> 1 AND ({b} = 0 OR {b} = CAST('inf' AS DOUBLE)) THEN {nan} ELSE {Ln(x)} / {Ln(b)} END";
        // isnan(b) can fire beside a NULL a: not strict.
        return new Frag(NullGuarded(a, body, "DOUBLE"), FirstError(a, null), a.Any(z => z.MayBeNull));
    }

    private static readonly string s_signNaN = MessageOf(() => Math.Sign(double.NaN));

    /// <summary>Math.Sign as INTEGER; −0 is 0; a NaN fails the row (DuckDB orders NaN above every number, so it is tested first).</summary>
    private static Frag Sign(CallExpr call, Frag[] a)
    {
        var t = call.Args[0].Type;
        string x = a[0].V;
        if (t.IsInteger()) return Simple(a, $"CAST(sign({x}) AS INTEGER)", "INTEGER");
        string body = $"CASE WHEN isnan({x}) THEN CAST(NULL AS INTEGER) WHEN {x} > 0 THEN 1 WHEN {x} < 0 THEN -1 ELSE 0 END";
        return new Frag(NullGuarded(a, body, "INTEGER"), FirstError(a, LocalError(a, ($"isnan({x})", s_signNaN))), a[0].MayBeNull);
    }

    /// <summary>Math.Round(x): round half to even, built from floor/ceil (exact) and an exact fraction.</summary>
    /// <remarks>
    /// DuckDB's <c>round_even</c> is off near 2^52 (round_even(-4503599627370494.5) gives …495), so it is not used.
    /// x − floor(x) is exact for every finite double; ceil keeps −0 for −0.5 &lt; x &lt; 0 as Math.Round does;
    /// NaN and ±∞ fall through to ceil, which returns them.
    /// </remarks>
    private static string HalfEven(string x) =>
        $"CASE WHEN {x} - floor({x}) < 0.5 THEN floor({x}) WHEN {x} - floor({x}) = 0.5 AND floor({x}) % 2 = 0 THEN floor({x}) ELSE ceil({x}) END";

    private static readonly string s_roundDigits64 = MessageOf(() => Math.Round(1.0, 16));
    private static readonly string s_roundDigits32 = MessageOf(() => MathF.Round(1f, 7));

    /// <summary>
    /// <c>Math.Round(x, digits)</c> as .NET computes it: below 1e16 (float: 1e8) scale by the exact power of ten,
    /// round half to even, divide back; larger magnitudes, NaN and ∞ are returned unchanged; digits outside
    /// 0..15 (float: 0..6) throw.
    /// </summary>
    private static Frag RoundDigits(CallExpr call, Frag[] a)
    {
        bool single = call.Type == ExprType.Float32;
        string type = T(call.Type), x = a[0].V, d = a[1].V;
        int maxDigits = single ? 6 : 15;
        // 10^digits parsed from text: exact (every power up to 1e15 is representable), and shorter than a table.
        string p = $"CAST('1e' || CAST({d} AS VARCHAR) AS {type})";
        string scaled = single ? $"CAST({HalfEven($"CAST({x} * {p} AS DOUBLE)")} AS FLOAT) / {p}" : $"{HalfEven($"({x} * {p})")} / {p}";
        string limit = single ? "CAST('1e8' AS FLOAT)" : "CAST('1e16' AS DOUBLE)";
        string body = $"CASE WHEN {d} < 0 OR {d} > {maxDigits} THEN CAST(NULL AS {type}) WHEN abs({x}) < {limit} THEN {scaled} ELSE {x} END";
        string local = LocalError(a, ($"{d} < 0 OR {d} > {maxDigits}", single ? s_roundDigits32 : s_roundDigits64));
        return new Frag(NullGuarded(a, body, type), FirstError(a, local), a.Any(z => z.MayBeNull));
    }

    private static Frag Cast(CastExpr cast, Frag a)
    {
        ExprType from = cast.Operand.Type, to = cast.Type;
        string x = a.V;
        string body;
        if (from == to) return a;
        if (!from.IsNumeric() || !to.IsNumeric()) throw Refuse($"no DuckDB form for cast from {from.Name()} to {to.Name()}");
        if (to.IsFloat())
        {
            body = (from, to) switch
            {
                // DuckDB raises when a double rounds outside float's range; C# gives ±∞ (the tie at the boundary rounds up, to ∞).
                (ExprType.Float64, ExprType.Float32) =>
                    $"CASE WHEN isnan({x}) THEN CAST('nan' AS FLOAT) WHEN {x} >= 3.4028235677973366e38 THEN CAST('inf' AS FLOAT) WHEN {x} <= -3.4028235677973366e38 THEN CAST('-inf' AS FLOAT) ELSE CAST({x} AS FLOAT) END",
                _ => $"CAST({x} AS {T(to)})",
            };
        }
        else if (from.IsInteger())
        {
            body = from == ExprType.Int64 && to == ExprType.Int32 ? Wrap(to, x) : $"CAST({x} AS {T(to)})";
        }
        else
        {
            // .NET 9+: truncate toward zero, saturate, NaN → 0. DuckDB's cast rounds and raises out of range.
            string d = from == ExprType.Float32 ? $"CAST({x} AS DOUBLE)" : x;
            body = to == ExprType.Int32
                ? $"CASE WHEN isnan({d}) THEN CAST(0 AS INTEGER) WHEN {d} >= 2147483647.0 THEN {Max(to)} WHEN {d} <= -2147483648.0 THEN {Min(to)} ELSE CAST(trunc({d}) AS INTEGER) END"
                : $"CASE WHEN isnan({d}) THEN CAST(0 AS BIGINT) WHEN {d} >= CAST('9223372036854775808' AS DOUBLE) THEN {Max(to)} WHEN {d} <= CAST('-9223372036854775808' AS DOUBLE) THEN {Min(to)} ELSE CAST(trunc({d}) AS BIGINT) END";
        }
        // Strict: a NULL operand fails every WHEN and reaches the ELSE cast, which gives NULL.
        return new Frag(body, a.E, a.MayBeNull);
    }
}
