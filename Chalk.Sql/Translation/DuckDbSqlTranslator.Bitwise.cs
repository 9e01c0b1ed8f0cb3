using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    /// <summary>Integer <c>&amp; | ^ ~</c> and the C# shifts on INTEGER/BIGINT.</summary>
    private static Frag Bitwise(CallExpr call, Frag[] a)
    {
        var t = call.Type;
        string type = T(t), x = a[0].V;
        bool nullable = a.Any(z => z.MayBeNull);
        if (call.Name == "bit_not") return new Frag(Lifted(a, $"(~{x})", type), FirstError(a, null), nullable);
        string y = a[1].V;
        string body = call.Name switch
        {
            "bit_and" => $"({x} & {y})",
            "bit_or" => $"({x} | {y})",
            "bit_xor" => $"xor({x}, {y})",
            _ => Shift(call.Name, t, x, y),
        };
        return new Frag(Lifted(a, body, type), FirstError(a, null), nullable);
    }

    /// <summary>
    /// C# masks the count to the operand's width. DuckDB's <c>&lt;&lt;</c> raises when bits leave a signed value, so
    /// a left shift multiplies exactly in the wider type and wraps; the unsigned right shift works on the value
    /// plus 2^32 (2^64) when negative, in the wider type.
    /// </summary>
    private static string Shift(string name, ExprType t, string x, string n)
    {
        string wide = Wide(t);
        string count = $"({n} & {(t == ExprType.Int32 ? 31 : 63)})";
        string two32or64 = t == ExprType.Int32 ? "CAST(4294967296 AS BIGINT)" : "CAST('18446744073709551616' AS HUGEINT)";
        return name switch
        {
            "shl" => Wrap(t, $"(CAST({x} AS {wide}) * (CAST(1 AS {wide}) << {count}))"),
            "shr" => $"({x} >> {count})",
            "shr_un" => Wrap(t, $"(CASE WHEN {x} < 0 THEN CAST({x} AS {wide}) + {two32or64} ELSE CAST({x} AS {wide}) END >> {count})"),
            _ => throw Refuse($"no DuckDB form for `{name}`"),
        };
    }
}
