namespace Chalk.Expressions.Simplification.Rules;

/// <summary>
/// Drops null literals and every operand after the first never-null one (C# does not evaluate them), and
/// collapses <c>coalesce(x)</c> to <c>x</c> (all-null to a null literal).
/// </summary>
public sealed class CoalesceSimplification : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e)
    {
        if (e is not CoalesceExpr co) return null;
        var kept = new List<Expr>();
        foreach (var o in co.Operands)
        {
            if (o is LiteralExpr { IsNullValue: true }) continue;
            kept.Add(o);
            if (!o.Nullable) break;
        }
        if (kept.Count == co.Operands.Count) return null;
        return kept.Count switch
        {
            0 => Expr.Null(e.Type),
            1 => kept[0],
            _ => new CoalesceExpr(kept),
        };
    }
}
