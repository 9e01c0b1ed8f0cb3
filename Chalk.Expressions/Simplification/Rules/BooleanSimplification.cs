namespace Chalk.Expressions.Simplification.Rules;

/// <summary>
/// <c>not(not(x))</c> → <c>x</c>; <c>and(x, true)</c> → <c>x</c>; <c>or(x, false)</c> → <c>x</c>; <c>and(x, false)</c> → <c>false</c> and
/// <c>or(x, true)</c> → <c>true</c> (C#'s <c>bool?</c> rules, when <c>x</c> cannot fail); <c>and(x, x)</c>, <c>or(x, x)</c> → <c>x</c>.
/// </summary>
public sealed class BooleanSimplification : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e)
    {
        if (e is not CallExpr call) return null;
        switch (call.Name)
        {
            case "not" when call.Args[0] is CallExpr { Name: "not" } inner:
                return inner.Args[0];
            case "and" or "or":
                var a = call.Args[0];
                var b = call.Args[1];
                bool identity = call.Name == "and";
                if (IsBool(b, identity)) return a;
                if (IsBool(a, identity)) return b;
                if (IsBool(b, !identity) && !Simplifier.CanFail(a)) return Expr.Lit(!identity);
                if (IsBool(a, !identity) && !Simplifier.CanFail(b)) return Expr.Lit(!identity);
                if (a.Equals(b)) return a;
                return null;
            default:
                return null;
        }
    }

    private static bool IsBool(Expr e, bool value) => e is LiteralExpr { Value: bool v } && v == value;
}
