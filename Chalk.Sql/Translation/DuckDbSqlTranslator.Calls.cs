using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    // Characters char.IsWhiteSpace accepts: what string.Trim removes and string.IsNullOrWhiteSpace skips.
    private const string DotNetWhiteSpace =
        "\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000";

    private static Frag Call(CallExpr call, Frag[] a)
    {
        string name = call.Name;
        bool anyNull = a.Any(x => x.MayBeNull);
        switch (name)
        {
            case "add" or "sub" when call.Args[0].Type is ExprType.Timestamp or ExprType.Duration:
                return TemporalArith(call, a, add: name == "add");
            case "add": return Arith(call, a, "+", false);
            case "sub": return Arith(call, a, "-", false);
            case "mul": return Arith(call, a, "*", false);
            case "add_checked": return Arith(call, a, "+", true);
            case "sub_checked": return Arith(call, a, "-", true);
            case "mul_checked": return Arith(call, a, "*", true);
            case "div": return DivRem(call, a, rem: false);
            case "rem": return DivRem(call, a, rem: true);
            case "neg":
                // −TimeSpan only throws for MinValue ticks, which is not a whole number of microseconds.
                if (call.Type == ExprType.Duration) return Simple(a, $"(-{a[0].V})", "BIGINT");
                return Neg(call, a);
            case "abs": return Abs(call, a);
            case "min": return MinMax(call, a, max: false);
            case "max": return MinMax(call, a, max: true);
            case "clamp": return Clamp(call, a);
            case "log" when a.Length == 2: return LogBase(call, a);
            case "floor" or "ceiling" or "sqrt" or "exp" or "log" or "log10" or "truncate":
                return FloatUnary(call, a, name);
            case "round":
                return a.Length == 2 ? RoundDigits(call, a) : FloatUnary(call, a, name);
            case "pow":
                return new Frag(Lifted(a, $"pow({a[0].V}, {a[1].V})", "DOUBLE"), FirstError(a, null), anyNull);
            case "sign": return Sign(call, a);
            case "bit_and" or "bit_or" or "bit_xor" or "bit_not" or "shl" or "shr" or "shr_un":
                return Bitwise(call, a);
            case "is_nan": return Simple(a, $"isnan({a[0].V})", "BOOLEAN");
            case "is_infinity": return Simple(a, $"isinf({a[0].V})", "BOOLEAN");
            case "eq" or "ne" or "lt" or "le" or "gt" or "ge":
                return Compare(call, a);
            case "or_error": return new Frag(a[0].V, FirstError(a, a[1].V), a[0].MayBeNull);
            case "and": return new Frag($"({a[0].V} AND {a[1].V})", FirstError(a, null), anyNull);
            case "or": return new Frag($"({a[0].V} OR {a[1].V})", FirstError(a, null), anyNull);
            case "xor": return new Frag($"({a[0].V} <> {a[1].V})", FirstError(a, null), anyNull);
            case "not": return new Frag($"(NOT {a[0].V})", FirstError(a, null), anyNull);
            case "to_string" when call.Args[0].Type.IsInteger():
                // Invariant integer formatting is plain decimal digits with a leading '-', as DuckDB prints them.
                return Simple(a, $"CAST({a[0].V} AS VARCHAR)", "VARCHAR");
            case "to_string":
                throw Refuse($"no faithful DuckDB form for `to_string` on {call.Args[0].Type.Name()}: DuckDB's float text (e.g. 1e+300, -0.0) differs from .NET's shortest round-trip format (1E+300, -0)");
            case "length":
                // UTF-16 code units: DuckDB counts code points, and each code point above U+FFFF is a surrogate pair in .NET.
                return Simple(a, $"CAST(length({a[0].V}) + length(regexp_replace({a[0].V}, '[^\\x{{10000}}-\\x{{10FFFF}}]', '', 'g')) AS INTEGER)", "INTEGER");
            case "trim":
                return Simple(a, $"trim({a[0].V}, {Str(DotNetWhiteSpace)})", "VARCHAR");
            case "concat":
                return new Frag($"(coalesce({a[0].V}, '') || coalesce({a[1].V}, ''))", FirstError(a, null), false);
            case "contains": return Simple(a, $"contains({a[0].V}, {a[1].V})", "BOOLEAN");
            case "starts_with": return Simple(a, $"starts_with({a[0].V}, {a[1].V})", "BOOLEAN");
            case "ends_with": return Simple(a, $"suffix({a[0].V}, {a[1].V})", "BOOLEAN");
            case "is_null_or_empty":
                return new Frag($"coalesce({a[0].V} = '', true)", FirstError(a, null), false);
            case "is_null_or_whitespace":
                return new Frag($"coalesce(trim({a[0].V}, {Str(DotNetWhiteSpace)}) = '', true)", FirstError(a, null), false);
            case "upper": return Simple(a, Translate(a[0].V, CaseMappingTables.Upper), "VARCHAR");
            case "lower": return Simple(a, Translate(a[0].V, CaseMappingTables.Lower), "VARCHAR");
            case "contains_ignore_case" or "starts_with_ignore_case" or "ends_with_ignore_case":
            {
                // OrdinalIgnoreCase compares the simple upper-case mapping of each scalar value.
                string s = Translate(a[0].V, CaseMappingTables.OrdinalUpper), p = Translate(a[1].V, CaseMappingTables.OrdinalUpper);
                string fn = name switch { "contains_ignore_case" => "contains", "starts_with_ignore_case" => "starts_with", _ => "suffix" };
                return Simple(a, $"{fn}({s}, {p})", "BOOLEAN");
            }
            case "substring":
                throw Refuse("no faithful DuckDB form for `substring`: .NET indexes UTF-16 code units and DuckDB code points, so text above U+FFFF (and a split surrogate pair) cannot match");
            case "year": return Simple(a, $"CAST(year({a[0].V}) AS INTEGER)", "INTEGER");
            case "month": return Simple(a, $"CAST(month({a[0].V}) AS INTEGER)", "INTEGER");
            case "day": return Simple(a, $"CAST(day({a[0].V}) AS INTEGER)", "INTEGER");
            case "hour": return Simple(a, $"CAST(hour({a[0].V}) AS INTEGER)", "INTEGER");
            case "minute": return Simple(a, $"CAST(minute({a[0].V}) AS INTEGER)", "INTEGER");
            case "second": return Simple(a, $"CAST(second({a[0].V}) AS INTEGER)", "INTEGER");
            case "day_of_week": return Simple(a, $"CAST(dayofweek({a[0].V}) AS INTEGER)", "INTEGER");
            case "day_of_year": return Simple(a, $"CAST(dayofyear({a[0].V}) AS INTEGER)", "INTEGER");
            case "date" or "time_of_day" or "total_days" or "total_hours" or "total_minutes" or "total_seconds" or "total_milliseconds"
                or "duration_days" or "duration_hours" or "duration_minutes" or "duration_seconds" or "duration_milliseconds":
                return TemporalPart(call, a);
            case "from_days" or "from_hours" or "from_minutes" or "from_seconds" or "from_milliseconds":
                return DurationFrom(call, a);
            case "add_days" or "add_hours" or "add_minutes" or "add_seconds" or "add_milliseconds":
                throw Refuse($"no faithful DuckDB form for `{name}`: .NET truncates the fraction to 100 ns ticks, and a DuckDB TIMESTAMP holds whole microseconds");
        }
        throw Refuse($"no faithful DuckDB form for `{name}` {call.Signature}");
    }

    // DuckDB's upper/lower use its own Unicode tables (upper('ß') = 'ẞ'); translate() applies .NET's table instead.
    private static string Translate(string value, (string From, string To) table) => $"translate({value}, {Str(table.From)}, {Str(table.To)})";

    /// <summary>A function DuckDB computes exactly as .NET, NULL in → NULL out, never raising.</summary>
    private static Frag Simple(Frag[] a, string body, string type) => new(Lifted(a, body, type), FirstError(a, null), a.Any(x => x.MayBeNull));

    private static Frag Compare(CallExpr call, Frag[] a)
    {
        var t = call.Args[0].Type;
        string x = a[0].V, y = a[1].V;
        bool fl = t.IsFloat();
        // C#'s lifted comparisons never give null: eq(null, null) is true, ne(null, x) true, ordering false.
        string v = call.Name switch
        {
            "eq" => fl ? $"CASE WHEN isnan({x}) OR isnan({y}) THEN false ELSE {x} IS NOT DISTINCT FROM {y} END" : $"({x} IS NOT DISTINCT FROM {y})",
            "ne" => fl ? $"CASE WHEN isnan({x}) OR isnan({y}) THEN true ELSE {x} IS DISTINCT FROM {y} END" : $"({x} IS DISTINCT FROM {y})",
            "lt" => $"coalesce({Cmp(t, x, "<", y)}, false)",
            "le" => $"coalesce({Cmp(t, x, "<=", y)}, false)",
            "gt" => $"coalesce({Cmp(t, x, ">", y)}, false)",
            "ge" => $"coalesce({Cmp(t, x, ">=", y)}, false)",
            _ => throw Refuse($"no DuckDB form for `{call.Name}`"),
        };
        return new Frag(v, FirstError(a, null), false);
    }
}
