namespace Chalk.Expressions.Simplification.Rules;

/// <summary>
/// Inside <c>if(c, a, b)</c>, <c>c</c> is known: in <c>a</c> every occurrence of <c>c</c> becomes <c>true</c>, and for a
/// never-null <c>c</c> every occurrence in <c>b</c> becomes <c>false</c>; later rules fold what that decides.
/// </summary>
/// <remarks>
/// Lifted code tests the same thing again inside a branch (<c>city is not null &amp;&amp; …</c> then <c>city ?? "?"</c>),
/// and every such test left in costs a pass over the chunk. The outer <c>c</c> stays, so a row on which it fails
/// still fails. A nullable <c>c</c> is false or null in <c>b</c>, so nothing is substituted there.
/// </remarks>
public sealed class ConditionPropagation : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e)
    {
        if (e is not IfExpr i || i.Condition is LiteralExpr) return null;
        var c = i.Condition;
        var then = Replace(i.Then, c, Expr.Lit(true), new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance));
        var @else = c.Nullable ? i.Else : Replace(i.Else, c, Expr.Lit(false), new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance));
        return ReferenceEquals(then, i.Then) && ReferenceEquals(@else, i.Else) ? null : Expr.If(c, then, @else);
    }

    /// <summary>Replaces <paramref name="target"/> in <paramref name="e"/>; returns <paramref name="e"/> itself when it has none (memoized, as the IR is a DAG).</summary>
    private static Expr Replace(Expr e, Expr target, Expr value, Dictionary<Expr, Expr> memo)
    {
        if (e.Equals(target)) return value;
        if (memo.TryGetValue(e, out var done)) return done;
        var children = e.Children;
        Expr[]? replaced = null;
        for (int k = 0; k < children.Count; k++)
        {
            var r = Replace(children[k], target, value, memo);
            if (ReferenceEquals(r, children[k])) continue;
            replaced ??= children.ToArray();
            replaced[k] = r;
        }
        var result = replaced is null ? e : e.WithChildren(replaced);
        memo[e] = result;
        return result;
    }
}
