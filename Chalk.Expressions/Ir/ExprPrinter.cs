using System.Globalization;
using System.Text;

namespace Chalk.Expressions;

/// <summary>Prints expressions in the seed's notation, deterministically (culture-invariant, round-trip floats).</summary>
/// <remarks>
/// <c>add</c>, <c>sub</c>, <c>mul</c>, <c>div</c> and <c>rem</c> print infix (<c>col("S") - col("D")</c>) with
/// parentheses only where precedence needs them; everything else prints as <c>name(arg, …)</c>. Literals:
/// <c>lit(1)</c> int32, <c>lit(1L)</c> int64, <c>lit(1.5f)</c> float32, <c>lit(0.0)</c> float64, <c>lit("s")</c>,
/// <c>lit(true)</c>, <c>lit(null, float64)</c>, <c>lit(timestamp("2024-01-31T10:00:00.000000"))</c>,
/// <c>lit(duration("1.02:03:04.5000000"))</c>.
/// </remarks>
public static class ExprPrinter
{
    /// <summary>Prints an expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <returns>Its text.</returns>
    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case ColumnExpr c:
                sb.Append("col(");
                StringLiteral.Write(sb, c.Name);
                sb.Append(')');
                break;
            case LiteralExpr l:
                sb.Append("lit(");
                WriteValue(sb, l.Value, l.Type);
                sb.Append(')');
                break;
            case CallExpr call when call.Function.InfixOperator is { } op && call.Args.Count == 2:
                WriteOperand(sb, call.Args[0], call.Function.InfixPrecedence, right: false);
                sb.Append(' ').Append(op).Append(' ');
                WriteOperand(sb, call.Args[1], call.Function.InfixPrecedence, right: true);
                break;
            case CallExpr call:
                WriteCall(sb, call.Name, call.Args);
                break;
            case IfExpr i:
                WriteCall(sb, "if", i.Children);
                break;
            case IsNullExpr n:
                WriteCall(sb, "is_null", n.Children);
                break;
            case CoalesceExpr co:
                WriteCall(sb, "coalesce", co.Operands);
                break;
            case CastExpr cast:
                sb.Append("cast(");
                Write(sb, cast.Operand);
                sb.Append(", ").Append(cast.Type.Name()).Append(')');
                break;
            case AggregateExpr agg:
                WriteAggregate(sb, agg);
                break;
            case ErrorExpr err:
                sb.Append("error(");
                StringLiteral.Write(sb, err.Message);
                sb.Append(')');
                break;
            default:
                throw new ChalkInternalException($"printer: unknown node {e.GetType().Name}");
        }
    }

    private static void WriteAggregate(StringBuilder sb, AggregateExpr a)
    {
        sb.Append(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(a.Kind.ToString())).Append('(').Append(a.Relation);
        if (a.Distinct) sb.Append(" distinct");
        if (a.Value is not null) { sb.Append(", "); Write(sb, a.Value); }
        if (a.Order is not null) { sb.Append(a.Descending ? ", by desc: " : ", by: "); Write(sb, a.Order); }
        if (a.Filter is not null) { sb.Append(", where: "); Write(sb, a.Filter); }
        if (a.FailOnEmpty) sb.Append(", empty: error");
        sb.Append(')');
    }

    private static void WriteOperand(StringBuilder sb, Expr operand, int parentPrecedence, bool right)
    {
        bool parens = operand is CallExpr { Function.InfixOperator: not null, Args.Count: 2 } c
            && (c.Function.InfixPrecedence < parentPrecedence || (right && c.Function.InfixPrecedence == parentPrecedence));
        if (parens) sb.Append('(');
        Write(sb, operand);
        if (parens) sb.Append(')');
    }

    private static void WriteCall(StringBuilder sb, string name, IReadOnlyList<Expr> args)
    {
        sb.Append(name).Append('(');
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, args[i]);
        }
        sb.Append(')');
    }

    /// <summary>Formats a boxed value of an IR type as the printer does inside <c>lit(…)</c>.</summary>
    /// <param name="value">The value or null.</param>
    /// <param name="type">Its type.</param>
    /// <returns>The text.</returns>
    public static string FormatValue(object? value, ExprType type)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value, type);
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, object? value, ExprType type)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (value)
        {
            case null: sb.Append("null, ").Append(type.Name()); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case int i: sb.Append(i.ToString(inv)); break;
            case long l: sb.Append(l.ToString(inv)).Append('L'); break;
            case float f: sb.Append(FloatText(f.ToString("R", inv))).Append('f'); break;
            case double d: sb.Append(FloatText(d.ToString("R", inv))); break;
            case string s: StringLiteral.Write(sb, s); break;
            case DateTime t: sb.Append("timestamp(\"").Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", inv)).Append("\")"); break;
            case TimeSpan ts: sb.Append("duration(\"").Append(ts.ToString("c", inv)).Append("\")"); break;
            default: throw new ChalkInternalException($"printer: unexpected literal {value.GetType().Name}");
        }
    }

    private static string FloatText(string s) =>
        s.AsSpan().IndexOfAny(".EN∞") >= 0 || s.Contains("Infinity", StringComparison.Ordinal) ? s : s + ".0";
}
