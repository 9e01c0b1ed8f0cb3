namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Builds <c>if</c> nodes at joins in the shape a person would write: bool <c>if</c>s as <c>and</c>/<c>or</c>, and nested <c>if</c>s with a shared arm folded into one condition.</summary>
/// <remarks>Every rewrite keeps evaluation safe: an operand moved into a non-short-circuit <c>and</c>/<c>or</c> must be unable to fail and never null.</remarks>
internal static class Conditionals
{
    private static bool Plain(Expr e) => !e.Nullable && !Simplifier.CanFail(e);

    public static Expr If(Expr c, Expr a, Expr b)
    {
        if (a.Equals(b) && !Simplifier.CanFail(c)) return a;
        if (c is LiteralExpr { Value: bool lit }) return lit ? a : b;
        // C#'s lifted operators test HasValue on each operand; the IR's calls already propagate null.
        if (b is LiteralExpr { IsNullValue: true } && NullGuard(c, positive: false) is { } nonNull && SafeToFold(a, nonNull)) return a;
        if (a is LiteralExpr { IsNullValue: true } && NullGuard(c, positive: true) is { } isNull && SafeToFold(b, isNull)) return b;
        // `MaxBy(k)?.X`: the picked-row aggregate is already null exactly when the relation is empty.
        if (a is LiteralExpr { IsNullValue: true } && PickedRowAggregate(c, b) is { } picked && SafeToFold(b, [picked])) return b;
        if (!c.Nullable && a.Type == ExprType.Bool)
        {
            if (b is LiteralExpr { Value: true } && Plain(a)) return Or(Not(c), a);
            if (b is LiteralExpr { Value: false } && Plain(a)) return And(c, a);
            if (a is LiteralExpr { Value: true } && Plain(b)) return Or(c, b);
            if (a is LiteralExpr { Value: false } && Plain(b)) return And(Not(c), b);
        }
        if (!c.Nullable)
        {
            if (a is IfExpr { Condition: var d1 } ta && Plain(d1))
            {
                if (ta.Else.Equals(b)) return If(And(c, d1), ta.Then, b);
                if (ta.Then.Equals(b)) return If(Or(Not(c), d1), b, ta.Else);
            }
            if (b is IfExpr { Condition: var d2 } eb && Plain(d2))
            {
                if (eb.Then.Equals(a)) return If(Or(c, d2), a, eb.Else);
                if (eb.Else.Equals(a)) return If(Or(c, Not(d2)), a, eb.Then);
            }
        }
        return Expr.If(c, a, b);
    }

    /// <summary>For <paramref name="positive"/> false: the values a conjunction of <c>not(is_null(v))</c> tests; for true: a disjunction of <c>is_null(v)</c>.</summary>
    private static List<Expr>? NullGuard(Expr c, bool positive)
    {
        var result = new List<Expr>();
        bool Walk(Expr e)
        {
            switch (e)
            {
                case CallExpr { Name: "and" } conj when !positive:
                    return conj.Args.All(Walk);
                case CallExpr { Name: "or" } disj when positive:
                    return disj.Args.All(Walk);
                case CallExpr { Name: "not", Args: [IsNullExpr n] } when !positive:
                    result.Add(n.Operand);
                    return true;
                case IsNullExpr n when positive:
                    result.Add(n.Operand);
                    return true;
                default:
                    return false;
            }
        }
        return Walk(c) && result.Count > 0 ? result : null;
    }

    /// <summary>
    /// Whether <c>if(all of vs non-null, e, null)</c> equals <c>e</c>: e is null when any v is, and every part of e that can fail
    /// is skipped when any v is null (the IR evaluates all arguments before propagating null, so a fallible part that depends
    /// on only some of the values would run on rows the guard excluded).
    /// </summary>
    private static bool SafeToFold(Expr e, List<Expr> vs)
    {
        if (!vs.All(v => PropagatesNullFrom(e, v))) return false;
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n) || vs.Contains(n)) continue;
            if (Simplifier.CanFail(n) && !vs.All(v => PropagatesNullFrom(n, v))) return false;
            foreach (var c in n.Children) stack.Push(c);
        }
        return true;
    }

    /// <summary>For <paramref name="c"/> = <c>eq(count(R where F), 0)</c>: an aggregate in <paramref name="e"/> that picks a row of R where F and is null when there is none.</summary>
    private static AggregateExpr? PickedRowAggregate(Expr c, Expr e)
    {
        if (c is not CallExpr { Name: "eq", Args: [AggregateExpr { Kind: AggregateKind.Count, Value: null, Distinct: false } count, LiteralExpr { Value: 0 }] }) return null;
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x is AggregateExpr { Kind: AggregateKind.MinBy or AggregateKind.MaxBy or AggregateKind.First or AggregateKind.Last, FailOnEmpty: false } p
                && p.Relation == count.Relation && p.Row == count.Row && p.Filter == count.Filter)
                return p;
            foreach (var child in x.Children) stack.Push(child);
        }
        return null;
    }

    /// <summary>Whether <paramref name="e"/> is null whenever <paramref name="v"/> is (through null-propagating calls and casts).</summary>
    private static bool PropagatesNullFrom(Expr e, Expr v)
    {
        if (e.Equals(v)) return true;
        return e switch
        {
            CallExpr { Function.NullHandling: NullHandling.Propagate } call => call.Args.Any(a => PropagatesNullFrom(a, v)),
            CastExpr cast => PropagatesNullFrom(cast.Operand, v),
            _ => false,
        };
    }

    public static Expr Not(Expr e) => e switch
    {
        LiteralExpr { Value: bool b } => Expr.Lit(!b),
        CallExpr { Name: "not" } n => n.Args[0],
        _ => Expr.Not(e),
    };

    private static Expr And(Expr a, Expr b) => a is LiteralExpr { Value: true } ? b : b is LiteralExpr { Value: true } ? a : Expr.And(a, b);

    private static Expr Or(Expr a, Expr b) => a is LiteralExpr { Value: false } ? b : b is LiteralExpr { Value: false } ? a : Expr.Or(a, b);

    /// <summary>The facts implied by knowing <paramref name="atom"/> has <paramref name="value"/>: the atom itself, and the parts of an <c>and</c> known true or an <c>or</c> known false.</summary>
    public static IEnumerable<(Expr Atom, bool Value)> Implied(Expr atom, bool value)
    {
        var (a, positive) = Interpreter.Normalize(atom);
        value = positive ? value : !value;
        yield return (a, value);
        if (!value && a is CallExpr { Name: "is_null_or_empty" or "is_null_or_whitespace" } test)
            yield return (Expr.IsNull(test.Args[0]), false);
        if (a is CallExpr { Name: "and" or "or" } call && !call.Nullable && (call.Name == "and") == value)
        {
            foreach (var part in call.Args)
            {
                foreach (var f in Implied(part, value)) yield return f;
            }
        }
    }
}
