using Chalk.Expressions;

namespace Chalk.Planning.Logical;

/// <summary>Reads and replaces the column references of an expression (not inside aggregate nodes, whose child
/// expressions are over another relation's rows).</summary>
internal static class ExprColumns
{
    /// <summary>The distinct columns <paramref name="e"/> reads, in first-seen order.</summary>
    public static IReadOnlyList<ColumnExpr> Of(Expr e)
    {
        var found = new List<ColumnExpr>();
        var seen = new HashSet<Expr>();
        Visit(e);
        return found;

        void Visit(Expr x)
        {
            if (!seen.Add(x)) return;
            if (x is ColumnExpr c && !found.Any(f => f.Name == c.Name)) found.Add(c);
            foreach (var child in x.Children) Visit(child);
        }
    }

    /// <summary>The expression with each column for which <paramref name="replacement"/> gives an expression replaced by it.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="replacement">The replacement of a column (of the same type), or null to keep it.</param>
    public static Expr Replace(Expr e, Func<ColumnExpr, Expr?> replacement)
    {
        // Expressions are DAGs (hash-consed): rewrite each node once.
        var memo = new Dictionary<Expr, Expr>();
        return Rewrite(e);

        Expr Rewrite(Expr x)
        {
            if (memo.TryGetValue(x, out var done)) return done;
            Expr result;
            if (x is ColumnExpr c) result = replacement(c) ?? c;
            else
            {
                var children = x.Children;
                var rewritten = children.Select(Rewrite).ToList();
                result = rewritten.SequenceEqual(children, ReferenceEqualityComparer.Instance) ? x : x.WithChildren(rewritten);
            }
            memo[x] = result;
            return result;
        }
    }
}
