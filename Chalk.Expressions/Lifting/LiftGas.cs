namespace Chalk.Expressions.Lifting;

/// <summary>The per-row cost estimate of a lifted expression, after common-subexpression elimination.</summary>
/// <remarks>
/// Each distinct node costs its weight once (shared subtrees are evaluated once per row): columns and
/// literals 0; string functions <see cref="StringWeight"/>; every other call, <c>if</c>, <c>is_null</c>,
/// <c>coalesce</c>, <c>cast</c> and <c>error</c> 1; an aggregate 1 plus its value, filter and ordering key.
/// </remarks>
public static class LiftGas
{
    /// <summary>The weight of a string function (it touches every character).</summary>
    public const int StringWeight = 4;

    /// <summary>Estimates the per-row work of an expression.</summary>
    /// <param name="expr">The expression (ideally simplified, so equal subtrees are shared).</param>
    /// <returns>The weighted count of distinct nodes.</returns>
    public static int Estimate(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(expr);
        int gas = 0;
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e)) continue;
            gas += e switch
            {
                ColumnExpr or LiteralExpr => 0,
                CallExpr c when c.Args.Any(a => a.Type == ExprType.Utf8) => StringWeight,
                _ => 1,
            };
            foreach (var c in e.Children) stack.Push(c);
            // An aggregate's value, filter and ordering key run once per child row; counting them once is a lower bound.
            if (e is AggregateExpr agg)
            {
                foreach (var c in agg.ChildRowExpressions) stack.Push(c);
            }
        }
        return gas;
    }
}
