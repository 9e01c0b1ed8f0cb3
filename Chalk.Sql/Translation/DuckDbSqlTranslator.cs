using Chalk.Expressions;

namespace Chalk.Sql.Translation;

/// <summary>Translates the expression IR into DuckDB scalar SQL with exactly the IR's (C#'s) semantics, or says why it cannot.</summary>
/// <remarks>
/// Each node becomes a pair: a value text that never raises (NULL where .NET would fail) and, for nodes that can
/// fail, an error text that is the .NET message on failing rows and NULL elsewhere (see <see cref="SqlTranslation"/>).
/// Errors follow C#'s evaluation order: arguments left to right, then the node itself; only the taken branch of
/// <c>if</c> and the reached operands of <c>coalesce</c> count. Assumes DuckDB's default
/// <c>ieee_floating_point_ops = true</c> (float division by zero gives ±∞/NaN). See <c>docs/sql-translation.md</c>.
/// </remarks>
public static partial class DuckDbSqlTranslator
{
    /// <summary>Translates an expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="columnSql">Maps an IR column name to a (quoted) SQL column reference of the matching DuckDB type.</param>
    /// <returns>The SQL texts, or a failure whose reason names the node that has no faithful form.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static SqlTranslation Translate(Expr expr, Func<string, string> columnSql)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(columnSql);
        try
        {
            var f = Node(expr, columnSql);
            return SqlTranslation.Success(expr.Type, f.V, f.E, f.MayBeNull);
        }
        catch (RefusedException r)
        {
            return SqlTranslation.Failure(expr.Type, r.Message);
        }
    }

    /// <summary>The DuckDB type of an IR type.</summary>
    /// <param name="type">The IR type.</param>
    /// <returns>The DuckDB type name, e.g. <c>INTEGER</c>.</returns>
    /// <remarks>
    /// A duration is a BIGINT count of microseconds (the IR's unit), not an INTERVAL: DuckDB's INTERVAL keeps
    /// months, days and µs apart and its arithmetic does not match <see cref="TimeSpan"/>'s.
    /// </remarks>
    /// <exception cref="NotSupportedException">The type is unknown.</exception>
    public static string SqlType(ExprType type) => type switch
    {
        ExprType.Bool => "BOOLEAN",
        ExprType.Int32 => "INTEGER",
        ExprType.Int64 => "BIGINT",
        ExprType.Float32 => "FLOAT",
        ExprType.Float64 => "DOUBLE",
        ExprType.Utf8 => "VARCHAR",
        ExprType.Timestamp => "TIMESTAMP",
        ExprType.Duration => "BIGINT",
        _ => throw new NotSupportedException($"no DuckDB type for {type.Name()}"),
    };

    private sealed class RefusedException(string message) : Exception(message);

    /// <summary>A translated node: <c>V</c> never raises; <c>E</c> is the error message text (NULL where fine) or null when it cannot fail.</summary>
    private readonly record struct Frag(string V, string? E, bool MayBeNull);

    private static Exception Refuse(string reason) => new RefusedException(reason);

    private static string T(ExprType type)
    {
        try
        {
            return SqlType(type);
        }
        catch (NotSupportedException e)
        {
            throw Refuse(e.Message);
        }
    }

    private static Frag Node(Expr e, Func<string, string> col)
    {
        T(e.Type);
        switch (e)
        {
            case ColumnExpr c:
                return new Frag(col(c.Name), null, true);
            case LiteralExpr l:
                return new Frag(Literal(l), null, l.IsNullValue);
            case ErrorExpr err:
                return new Frag($"CAST(NULL AS {T(err.Type)})", Str(err.Message), true);
            case IsNullExpr n:
            {
                var a = Node(n.Operand, col);
                return new Frag($"({a.V} IS NULL)", a.E, false);
            }
            case IfExpr i:
                return If(i, col);
            case CoalesceExpr co:
                return Coalesce(co, col);
            case CastExpr cast:
                return Cast(cast, Node(cast.Operand, col));
            case CallExpr call:
                return Call(call, call.Args.Select(a => Node(a, col)).ToArray());
            default:
                throw Refuse($"no DuckDB form for node {e.GetType().Name}");
        }
    }

    private static Frag If(IfExpr i, Func<string, string> col)
    {
        var c = Node(i.Condition, col);
        var t = Node(i.Then, col);
        var f = Node(i.Else, col);
        string v = $"CASE WHEN {c.V} THEN {t.V} ELSE {f.V} END";
        string? err = null;
        if (c.E is not null || t.E is not null || f.E is not null)
        {
            var sb = "CASE";
            if (c.E is not null) sb += $" WHEN ({c.E}) IS NOT NULL THEN {c.E}";
            sb += $" WHEN {c.V} THEN {t.E ?? "NULL"} ELSE {f.E ?? "NULL"} END";
            err = sb;
        }
        return new Frag(v, err, t.MayBeNull || f.MayBeNull);
    }

    private static Frag Coalesce(CoalesceExpr co, Func<string, string> col)
    {
        var ops = co.Operands.Select(o => Node(o, col)).ToArray();
        string v = $"coalesce({string.Join(", ", ops.Select(o => o.V))})";
        string? err = null;
        if (ops.Any(o => o.E is not null))
        {
            var sb = "CASE";
            for (int k = 0; k < ops.Length; k++)
            {
                if (ops[k].E is not null) sb += $" WHEN ({ops[k].E}) IS NOT NULL THEN {ops[k].E}";
                if (k < ops.Length - 1) sb += $" WHEN {ops[k].V} IS NOT NULL THEN NULL";
            }
            err = sb + " END";
        }
        return new Frag(v, err, ops.All(o => o.MayBeNull));
    }

    /// <summary>The first error in evaluation order: the arguments' errors, then <paramref name="local"/> (only reached when no argument failed).</summary>
    private static string? FirstError(IEnumerable<Frag> args, string? local)
    {
        var parts = args.Where(a => a.E is not null).Select(a => a.E!).ToList();
        if (local is not null) parts.Add(local);
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => $"coalesce({string.Join(", ", parts)})",
        };
    }
}
