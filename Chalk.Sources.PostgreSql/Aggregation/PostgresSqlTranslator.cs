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
/// The functions' own PostgreSQL forms (<see cref="SqlDialect.PostgreSql"/>: comparisons, boolean logic, NaN and
/// infinity tests) say how NaN and string collation are handled.
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

    /// <summary>A call through its function's PostgreSQL form (<see cref="ScalarFunction.SqlForms"/>); a function without one is refused.</summary>
    private static string Call(CallExpr call, string[] a)
    {
        var form = call.Function.FindSqlForm(SqlDialect.PostgreSql)
            ?? throw new PostgresRefusedException($"no exact PostgreSQL form for `{call.Name}` {call.Signature}");
        var text = form.Translate(new PostgresCall(call, a));
        // A pushed-down aggregate's SQL never raises, so a form that can fail has no place in it.
        return text.Error is null ? text.Value : throw new PostgresRefusedException($"`{call.Name}` can fail a row, and pushed-down SQL never raises");
    }

    /// <summary>A call as a function's PostgreSQL form sees it.</summary>
    private sealed class PostgresCall(CallExpr call, string[] args) : SqlCall(call)
    {
        public override string Arg(int index) => args[index];

        // The pushed-down translation does not track nullability.
        public override bool ArgMayBeNull(int index) => true;

        public override string SqlType(ExprType type) => PostgresSqlTranslator.SqlType(type);

        public override string Str(string text) => PostgresSqlTranslator.Str(text);

        public override string Double(double value) => PostgresSqlTranslator.Double(value);

        public override Exception Refuse(string reason) => new PostgresRefusedException(reason);
    }
}
