using System.Globalization;
using Chalk.Expressions;

namespace Chalk.Sql.Sources.Aggregation;

/// <summary>Translates the part of the expression IR whose PostgreSQL form gives exactly C#'s answer on every row, and
/// never raises: columns, literals, casts that widen exactly, comparisons, null tests and boolean logic.</summary>
/// <remarks>
/// Everything else is refused, so an aggregate reading it is computed in the engine: integer arithmetic (C# wraps where
/// PostgreSQL raises), float arithmetic (PostgreSQL raises on overflow where C# gives ∞), string ordering (PostgreSQL
/// compares by collation), and any node that can fail, with one exception: a timestamp plus or minus a constant
/// duration (a window's start, <c>as_of - 30d</c>) is translated, and the rows where C# would throw because the result
/// leaves <see cref="DateTime"/>'s range are reported as inexact, for the caller to answer another way. A translation
/// therefore never has an error part.
/// NaN: PostgreSQL orders NaN above every number and equal to itself, C# finds every comparison with NaN false (and
/// <c>!=</c> true), so float comparisons test for NaN first. Strings compare for equality under <c>COLLATE "C"</c>, byte
/// for byte as C#'s ordinal <c>==</c> does, whatever the column's collation.
/// </remarks>
internal static class PostgresSqlTranslator
{
    /// <summary>The SQL of <paramref name="expr"/> over the columns <paramref name="column"/> names.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="column">The SQL of a column.</param>
    /// <param name="inexact">Receives boolean SQL conditions, over the same columns, that are true on rows where the
    /// translation is not C#'s answer (C# throws there).</param>
    /// <exception cref="PostgresRefusedException">A node has no exact form.</exception>
    public static string Translate(Expr expr, Func<ColumnExpr, string> column, ICollection<string> inexact)
    {
        SqlType(expr.Type);
        string T(Expr e) => Translate(e, column, inexact);
        switch (expr)
        {
            case ColumnExpr c: return column(c);
            case LiteralExpr l: return Literal(l);
            case IsNullExpr n: return $"({T(n.Operand)} IS NULL)";
            case IfExpr i: return $"(CASE WHEN {T(i.Condition)} THEN {T(i.Then)} ELSE {T(i.Else)} END)";
            case CoalesceExpr co: return $"coalesce({string.Join(", ", co.Operands.Select(T))})";
            case CastExpr cast: return Cast(cast, T(cast.Operand));
            case CallExpr { Name: "add" or "sub", Args: [{ Type: ExprType.Timestamp } time, LiteralExpr { Value: TimeSpan span }] } call:
                return ShiftedTime(T(time), call.Name == "add" ? span : span.Negate(), inexact);
            case CallExpr call: return Call(call, call.Args.Select(T).ToArray());
            default: throw new PostgresRefusedException($"no exact PostgreSQL form for {expr.GetType().Name}");
        }
    }

    // A timestamp moved by a constant: days and microseconds are exact in PostgreSQL's interval (a timestamp without
    // time zone has 24-hour days). C# throws where the result leaves DateTime's range; PostgreSQL's range is wider.
    private static string ShiftedTime(string time, TimeSpan span, ICollection<string> inexact)
    {
        if (span.Ticks % 10 != 0) throw new PostgresRefusedException($"the duration {span} is not a whole number of microseconds");
        long micros = span.Ticks / 10, perDay = TimeSpan.TicksPerDay / 10;
        var inv = CultureInfo.InvariantCulture;
        string shifted = $"({time} + CAST('{(micros / perDay).ToString(inv)} days {(micros % perDay).ToString(inv)} microseconds' AS interval))";
        inexact.Add($"NOT ({shifted} BETWEEN CAST('0001-01-01' AS timestamp) AND CAST('9999-12-31 23:59:59.999999' AS timestamp))");
        return shifted;
    }

    /// <summary>The PostgreSQL type of an IR type.</summary>
    /// <exception cref="PostgresRefusedException">float32 and durations, which are not pushed down.</exception>
    public static string SqlType(ExprType type) => type switch
    {
        ExprType.Bool => "boolean",
        ExprType.Int32 => "int4",
        ExprType.Int64 => "int8",
        ExprType.Float64 => "float8",
        ExprType.Utf8 => "text",
        ExprType.Timestamp => "timestamp",
        _ => throw new PostgresRefusedException($"{type.Name()} values are not pushed down to PostgreSQL"),
    };

    /// <summary>A PostgreSQL string literal (standard conforming strings).</summary>
    /// <exception cref="PostgresRefusedException">The text holds U+0000 or an unpaired surrogate, which PostgreSQL's text cannot hold.</exception>
    public static string Str(string s)
    {
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] == '\0') throw new PostgresRefusedException("a string literal holds U+0000, which PostgreSQL text cannot hold");
            if (char.IsHighSurrogate(s[k]) && k + 1 < s.Length && char.IsLowSurrogate(s[k + 1])) { k++; continue; }
            if (char.IsSurrogate(s[k])) throw new PostgresRefusedException("a string literal holds an unpaired surrogate");
        }
        return "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A float8 literal: NaN, ±∞ and −0 by name, finite values in round-trip form (PostgreSQL rounds correctly).</summary>
    public static string Double(double d) => d switch
    {
        double.NaN => "CAST('NaN' AS float8)",
        double.PositiveInfinity => "CAST('Infinity' AS float8)",
        double.NegativeInfinity => "CAST('-Infinity' AS float8)",
        _ => $"CAST('{d.ToString("R", CultureInfo.InvariantCulture)}' AS float8)",
    };

    private static string Literal(LiteralExpr l) => l.Value switch
    {
        null => $"CAST(NULL AS {SqlType(l.Type)})",
        bool b => b ? "true" : "false",
        int i => $"CAST({i.ToString(CultureInfo.InvariantCulture)} AS int4)",
        long n => $"CAST({n.ToString(CultureInfo.InvariantCulture)} AS int8)",
        double d => Double(d),
        string s => Str(s),
        DateTime t when t.Ticks % 10 == 0 => $"CAST('{t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}' AS timestamp)",
        _ => throw new PostgresRefusedException($"no exact PostgreSQL literal for {l.Type.Name()} {l.Value}"),
    };

    // Only casts that are exact in both: int to long, and integers to double (both round to nearest even).
    private static string Cast(CastExpr cast, string operand) => (cast.Operand.Type, cast.Type) switch
    {
        (var from, var to) when from == to => operand,
        (ExprType.Int32, ExprType.Int64) => $"CAST({operand} AS int8)",
        (ExprType.Int32 or ExprType.Int64, ExprType.Float64) => $"CAST({operand} AS float8)",
        var (from, to) => throw new PostgresRefusedException($"no exact PostgreSQL form for a cast from {from.Name()} to {to.Name()}"),
    };

    private static string Call(CallExpr call, string[] a) => call.Name switch
    {
        "eq" or "ne" or "lt" or "le" or "gt" or "ge" => Compare(call, a[0], a[1]),
        // SQL's three-valued AND, OR and NOT are the IR's (C#'s bool? operators &, | and !).
        "and" => $"({a[0]} AND {a[1]})",
        "or" => $"({a[0]} OR {a[1]})",
        "not" => $"(NOT {a[0]})",
        "xor" => $"({a[0]} <> {a[1]})",
        "is_nan" when call.Args[0].Type == ExprType.Float64 => $"({a[0]} = {Double(double.NaN)})",
        "is_infinity" when call.Args[0].Type == ExprType.Float64 => $"(abs({a[0]}) = {Double(double.PositiveInfinity)})",
        _ => throw new PostgresRefusedException($"no exact PostgreSQL form for `{call.Name}` {call.Signature}"),
    };

    private static string Compare(CallExpr call, string x, string y)
    {
        var type = call.Args[0].Type;
        if (call.Args[1].Type != type) throw new PostgresRefusedException($"`{call.Name}` compares {type.Name()} with {call.Args[1].Type.Name()}");
        if (type == ExprType.Utf8)
        {
            if (call.Name is not ("eq" or "ne"))
                throw new PostgresRefusedException($"`{call.Name}` orders strings: PostgreSQL orders by collation or bytes, C# by UTF-16 code units");
            x = $"({x} COLLATE \"C\")";
            y = $"({y} COLLATE \"C\")";
        }
        string op = call.Name switch { "eq" => "=", "ne" => "<>", "lt" => "<", "le" => "<=", "gt" => ">", _ => ">=" };
        // C#'s lifted comparisons never give null: eq(null, null) is true, ne(null, x) true, ordering with null false.
        string present = call.Name switch
        {
            "eq" => $"({x} IS NOT DISTINCT FROM {y})",
            "ne" => $"({x} IS DISTINCT FROM {y})",
            _ => $"coalesce({x} {op} {y}, false)",
        };
        if (type != ExprType.Float64) return present;
        string nan = Double(double.NaN);
        return $"(CASE WHEN {x} = {nan} OR {y} = {nan} THEN {(call.Name == "ne" ? "true" : "false")} ELSE {present} END)";
    }
}
