namespace Chalk.Expressions.Simplification.Rules;

/// <summary>
/// <c>if(true, a, b)</c> → <c>a</c>; <c>if(false or null, a, b)</c> → <c>b</c>; <c>if(c, a, a)</c> → <c>a</c>;
/// for a never-null <c>c</c>: <c>if(not(c), a, b)</c> → <c>if(c, b, a)</c>, <c>if(c, true, false)</c> → <c>c</c>,
/// <c>if(c, false, true)</c> → <c>not(c)</c>. Rewrites that drop <c>c</c> require that it cannot fail.
/// </summary>
public sealed class IfSimplification : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e)
    {
        if (e is not IfExpr i) return null;
        var c = i.Condition;
        if (c is LiteralExpr lit) return lit.Value is true ? i.Then : i.Else;
        if (i.Then.Equals(i.Else) && !Simplifier.CanFail(c)) return i.Then;
        if (c.Nullable) return null;
        if (c is CallExpr { Name: "not" } not) return Expr.If(not.Args[0], i.Else, i.Then);
        if (i.Then is LiteralExpr { Value: bool t } && i.Else is LiteralExpr { Value: bool f } && t != f)
            return t ? c : Expr.Not(c);
        return null;
    }
}
