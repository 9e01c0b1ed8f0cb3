using Chalk.Execution;
using Chalk.Expressions;

namespace Chalk.Planning.Physical;

/// <summary>Finds the aggregate nodes of a lifted expression and replaces them by the columns their results land in.</summary>
internal static class AggregateNodes
{
    /// <summary>The distinct aggregates in <paramref name="e"/>, in first-seen order.</summary>
    public static IReadOnlyList<AggregateExpr> In(Expr e)
    {
        var found = new List<AggregateExpr>();
        var seen = new HashSet<Expr>();
        Visit(e);
        return found;

        void Visit(Expr x)
        {
            if (!seen.Add(x)) return;
            if (x is AggregateExpr a) { found.Add(a); return; }
            foreach (var c in x.Children) Visit(c);
        }
    }

    /// <summary>Whether an aggregate's child expressions contain another aggregate (an aggregation inside a lambda).</summary>
    public static bool IsNested(AggregateExpr a) => a.ChildRowExpressions.Any(e => In(e).Count > 0);

    /// <summary>The child columns an aggregate's value, filter and ordering read (not the query time).</summary>
    public static IReadOnlyList<string> ChildColumns(AggregateExpr a)
    {
        var names = new List<string>();
        var stack = new Stack<Expr>(a.ChildRowExpressions);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x is ColumnExpr c && c.Name != QueryTime.Column && !names.Contains(c.Name)) names.Add(c.Name);
            foreach (var child in x.Children) stack.Push(child);
        }
        return names;
    }

    /// <summary>The expression with each aggregate replaced by what reads its result.</summary>
    public static Expr Substitute(Expr e, IReadOnlyDictionary<AggregateExpr, Expr> replacements)
    {
        var memo = new Dictionary<Expr, Expr>();
        return Rewrite(e);

        Expr Rewrite(Expr x)
        {
            if (memo.TryGetValue(x, out var done)) return done;
            Expr result = x is AggregateExpr a ? replacements[a] : x.WithChildren(x.Children.Select(Rewrite).ToList());
            memo[x] = result;
            return result;
        }
    }

    /// <summary>The aggregates of <paramref name="e"/> that it reads only inside a branch of <c>if</c> (then or else) or a
    /// later operand of <c>coalesce</c>: C# evaluates them only on the rows that take that branch.</summary>
    public static IReadOnlySet<AggregateExpr> OnlyInBranches(Expr e)
    {
        var always = new HashSet<AggregateExpr>();
        var sometimes = new HashSet<AggregateExpr>();
        var seen = new HashSet<(Expr, bool)>();
        Visit(e, branch: false);
        sometimes.ExceptWith(always);
        return sometimes;

        void Visit(Expr x, bool branch)
        {
            if (!seen.Add((x, branch))) return;
            switch (x)
            {
                case AggregateExpr a:
                    (branch ? sometimes : always).Add(a);
                    return;
                case IfExpr i:
                    Visit(i.Condition, branch);
                    Visit(i.Then, true);
                    Visit(i.Else, true);
                    return;
                case CoalesceExpr c:
                    for (int k = 0; k < c.Operands.Count; k++) Visit(c.Operands[k], branch || k > 0);
                    return;
                default:
                    foreach (var child in x.Children) Visit(child, branch);
                    return;
            }
        }
    }
}
