namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Folds calls and casts of literals before <see cref="Simplifier"/> sees them.</summary>
/// <remarks>
/// Stop-gap like <see cref="BoxedRowEvaluator"/>: on this branch's base the simplifier's own constant folding boxes
/// numeric results through double and then fails to build the literal. Remove with it.
/// </remarks>
internal static class ConstantFolder
{
    public static Expr Simplify(Expr e) => Simplifier.Simplify(Fold(e, new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance)));

    private static Expr Fold(Expr e, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var done)) return done;
        var children = e.Children;
        Expr node = e;
        if (children.Count > 0)
        {
            var folded = new Expr[children.Count];
            for (int i = 0; i < folded.Length; i++) folded[i] = Fold(children[i], memo);
            node = e.WithChildren(folded);
            if (node is CallExpr or CastExpr or IsNullExpr && folded.All(c => c is LiteralExpr)) node = BoxedRowEvaluator.FoldConstant(node);
            else if (node is IfExpr { Condition: LiteralExpr { Value: var c } } i) node = c is true ? i.Then : i.Else;
        }
        memo[e] = node;
        return node;
    }
}
