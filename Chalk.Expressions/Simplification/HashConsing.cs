namespace Chalk.Expressions;

/// <summary>Hash-consing: maps structurally equal subtrees to one shared instance (common-subexpression elimination).</summary>
public sealed class HashConsing
{
    private readonly Dictionary<Expr, Expr> _table = new();

    /// <summary>Returns the shared instance of an expression, interning its subtrees first.</summary>
    /// <param name="expr">The expression.</param>
    /// <returns>An equal expression whose every subtree is the interned instance.</returns>
    public Expr Intern(Expr expr)
    {
        if (_table.TryGetValue(expr, out var shared)) return shared;
        var children = expr.Children;
        if (children.Count > 0)
        {
            var interned = new Expr[children.Count];
            for (int i = 0; i < interned.Length; i++) interned[i] = Intern(children[i]);
            expr = expr.WithChildren(interned);
        }
        _table[expr] = expr;
        return expr;
    }

    /// <summary>The number of distinct nodes (structurally) in a set of expressions: what the compiled form evaluates.</summary>
    /// <param name="exprs">The expressions.</param>
    /// <returns>The count of distinct subtrees.</returns>
    public static int DistinctNodeCount(IEnumerable<Expr> exprs)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(exprs);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e)) continue;
            foreach (var c in e.Children) stack.Push(c);
        }
        return seen.Count;
    }

    /// <summary>The number of nodes of the expressions as trees (shared subtrees counted at every use).</summary>
    /// <param name="exprs">The expressions.</param>
    /// <returns>The tree size.</returns>
    public static int TreeNodeCount(IEnumerable<Expr> exprs) => exprs.Sum(e => 1 + TreeNodeCount(e.Children));
}
