namespace Chalk.Expressions;

/// <summary>Rewrites expressions into equivalent, smaller ones and shares equal subtrees (hash-consing).</summary>
/// <remarks>
/// Runs each <see cref="SimplifierRule"/> bottom-up until none applies, checking after every rewrite that
/// the node's type did not change (a failing check is a <see cref="ChalkInternalException"/>). Rewrites
/// never drop an operand that can fail a row, so row errors are preserved.
/// </remarks>
public static class Simplifier
{
    private const int MaxRewritesPerNode = 64;

    private static readonly SimplifierRule[] s_rules =
    [
        new Simplification.Rules.ErrorPropagation(),
        new Simplification.Rules.ConstantFolding(),
        new Simplification.Rules.NullPropagation(),
        new Simplification.Rules.IsNullOfNonNullable(),
        new Simplification.Rules.BooleanSimplification(),
        new Simplification.Rules.IfSimplification(),
        new Simplification.Rules.ConditionPropagation(),
        new Simplification.Rules.CoalesceSimplification(),
        new Simplification.Rules.CastSimplification(),
    ];

    /// <summary>The rules, in the order they are tried.</summary>
    public static IReadOnlyList<SimplifierRule> Rules => s_rules;

    /// <summary>Simplifies one expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <returns>An equivalent expression whose equal subtrees are one instance.</returns>
    public static Expr Simplify(Expr expr) => SimplifyAll([expr])[0];

    /// <summary>Simplifies a set of expressions, sharing equal subtrees across all of them.</summary>
    /// <param name="exprs">The expressions.</param>
    /// <returns>The simplified expressions, in order.</returns>
    public static IReadOnlyList<Expr> SimplifyAll(IReadOnlyList<Expr> exprs)
    {
        var interner = new HashConsing();
        var memo = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        return exprs.Select(e => interner.Intern(Visit(e, memo, interner))).ToArray();
    }

    private static Expr Visit(Expr e, Dictionary<Expr, Expr> memo, HashConsing interner)
    {
        if (memo.TryGetValue(e, out var done)) return done;
        var children = e.Children;
        Expr node = e;
        if (children.Count > 0)
        {
            var simplified = new Expr[children.Count];
            for (int i = 0; i < simplified.Length; i++) simplified[i] = Visit(children[i], memo, interner);
            node = e.WithChildren(simplified);
        }
        node = interner.Intern(node);
        for (int round = 0; round < MaxRewritesPerNode; round++)
        {
            Expr? rewritten = null;
            foreach (var rule in s_rules)
            {
                rewritten = rule.TryRewrite(node);
                if (rewritten is not null)
                {
                    if (rewritten.Type != node.Type)
                        throw new ChalkInternalException($"simplifier rule {rule.Name} changed the type of {node} ({node.Type.Name()}) to {rewritten.Type.Name()}: {rewritten}");
                    break;
                }
            }
            if (rewritten is null) break;
            node = interner.Intern(ReferenceEquals(rewritten, node) ? node : VisitChildren(rewritten, memo, interner));
        }
        memo[e] = node;
        return node;
    }

    private static Expr VisitChildren(Expr e, Dictionary<Expr, Expr> memo, HashConsing interner)
    {
        var children = e.Children;
        if (children.Count == 0) return e;
        var simplified = new Expr[children.Count];
        for (int i = 0; i < simplified.Length; i++) simplified[i] = Visit(children[i], memo, interner);
        return e.WithChildren(simplified);
    }

    /// <summary>Whether evaluating the expression can fail a row (it contains an error node or a fallible function).</summary>
    /// <param name="e">The expression.</param>
    /// <returns>True if some row could get a row error.</returns>
    public static bool CanFail(Expr e) => e switch
    {
        ErrorExpr => true,
        CallExpr c when c.Function.CanFailWith(c.Signature) => true,
        // LINQ's non-nullable Average/Min/Max/First/Last throw on no rows, integer sums on overflow, and a child row's failure fails the parent row.
        AggregateExpr a => a.FailOnEmpty || (a.Kind == AggregateKind.Sum && a.Type.IsInteger()) || a.ChildRowExpressions.Any(CanFail),
        _ => e.Children.Any(CanFail),
    };
}

/// <summary>One named rewrite of the simplifier.</summary>
public abstract class SimplifierRule
{
    /// <summary>The rule's name (its class name).</summary>
    public string Name => GetType().Name;

    /// <summary>Rewrites a node whose children are already simplified.</summary>
    /// <param name="e">The node.</param>
    /// <returns>An equivalent node of the same type, or null if the rule does not apply.</returns>
    public abstract Expr? TryRewrite(Expr e);
}
