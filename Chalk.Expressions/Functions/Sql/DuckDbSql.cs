namespace Chalk.Expressions;

/// <summary>C#'s number semantics written in DuckDB SQL: the pieces several functions' DuckDB forms (and the translator's casts) share.</summary>
/// <remarks>Pure text over already-translated SQL; nothing here talks to DuckDB.</remarks>
internal static class DuckDbSql
{
    /// <summary>.NET's message for an integer division or remainder by zero.</summary>
    public const string DivideByZero = "Attempted to divide by zero.";

    /// <summary>.NET's message for checked integer overflow.</summary>
    public const string Overflow = "Arithmetic operation resulted in an overflow.";

    /// <summary>The smallest int32 or int64 as a typed literal.</summary>
    public static string Min(ExprType t) => t == ExprType.Int32 ? "CAST(-2147483648 AS INTEGER)" : "CAST(-9223372036854775808 AS BIGINT)";

    /// <summary>The largest int32 or int64 as a typed literal.</summary>
    public static string Max(ExprType t) => t == ExprType.Int32 ? "CAST(2147483647 AS INTEGER)" : "CAST(9223372036854775807 AS BIGINT)";

    /// <summary>The type wide enough for exact int32/int64 add, sub, mul and neg.</summary>
    public static string Wide(ExprType t) => t == ExprType.Int32 ? "BIGINT" : "HUGEINT";

    /// <summary>An exact wide integer reduced, as C# wraps, into the int32 or int64 range.</summary>
    /// <remarks>DuckDB raises on integer overflow where C# wraps; reduce modulo 2^32/2^64 into the signed range (DuckDB's % truncates, so shift into the non-negative range first).</remarks>
    public static string Wrap(ExprType t, string wide) => t == ExprType.Int32
        ? $"CAST((((({wide}) % 4294967296) + 6442450944) % 4294967296) - 2147483648 AS INTEGER)"
        : $"CAST((((({wide}) % CAST('18446744073709551616' AS HUGEINT)) + CAST('27670116110564327424' AS HUGEINT)) % CAST('18446744073709551616' AS HUGEINT)) - CAST('9223372036854775808' AS HUGEINT) AS BIGINT)";

    /// <summary>Whether an exact wide integer fits int32 or int64.</summary>
    public static string InRange(ExprType t, string wide) => t == ExprType.Int32
        ? $"({wide}) BETWEEN -2147483648 AND 2147483647"
        : $"({wide}) BETWEEN CAST('-9223372036854775808' AS HUGEINT) AND CAST('9223372036854775807' AS HUGEINT)";

    /// <summary>NaN of a float type.</summary>
    public static string Nan(ExprType t) => $"CAST('nan' AS {(t == ExprType.Float32 ? "FLOAT" : "DOUBLE")})";

    /// <summary>IEEE comparison: false when either side is NaN (DuckDB orders NaN greatest and says NaN = NaN).</summary>
    public static string FloatCmp(string a, string op, string b) => $"(NOT isnan({a}) AND NOT isnan({b}) AND {a} {op} {b})";

    /// <summary>C#'s comparison of two present values of type <paramref name="t"/>.</summary>
    public static string Cmp(ExprType t, string a, string op, string b) => t.IsFloat() ? FloatCmp(a, op, b) : $"({a} {op} {b})";

    /// <summary>Math.Log(x): DuckDB's ln raises where .NET returns NaN (x &lt; 0) or −∞ (x = 0).</summary>
    public static string Ln(string x) =>
        $"CASE WHEN {x} < 0 THEN CAST('nan' AS DOUBLE) WHEN {x} = 0 THEN CAST('-inf' AS DOUBLE) ELSE ln({x}) END";

    /// <summary>Math.Round(x): round half to even, built from floor/ceil (exact) and an exact fraction.</summary>
    /// <remarks>
    /// DuckDB's <c>round_even</c> is off near 2^52 (round_even(-4503599627370494.5) gives …495), so it is not used.
    /// x − floor(x) is exact for every finite double; ceil keeps −0 for −0.5 &lt; x &lt; 0 as Math.Round does;
    /// NaN and ±∞ fall through to ceil, which returns them.
    /// </remarks>
    public static string HalfEven(string x) =>
        $"CASE WHEN {x} - floor({x}) < 0.5 THEN floor({x}) WHEN {x} - floor({x}) = 0.5 AND floor({x}) % 2 = 0 THEN floor({x}) ELSE ceil({x}) END";

    /// <summary>The refusal of a float32 overload that DuckDB computes in double and rounds.</summary>
    public static Exception RefuseFloat32(SqlCall c, string name) =>
        c.Refuse($"no faithful DuckDB form for `{name}` on {c.Type.Name()}: DuckDB computes it in double and rounds, which can differ from MathF.{name} in the last bit");

    /// <summary>The message .NET's own code throws, so a row error reads the same in SQL.</summary>
    public static string MessageOf(Action action)
    {
        try
        {
            action();
        }
        catch (ArithmeticException e)
        {
            return e.Message;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        throw new InvalidOperationException("expected .NET to throw");
    }
}
