namespace Chalk.Expressions.Simplification.Rules;

/// <summary>A null-propagating call with a null literal operand is a null literal, when no other operand can fail.</summary>
public sealed class NullPropagation : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e)
    {
        if (e is CallExpr { Function.NullHandling: NullHandling.Propagate } call
            && call.Args.Any(a => a is LiteralExpr { IsNullValue: true })
            && !call.Args.Any(Simplifier.CanFail))
            return Expr.Null(e.Type);
        if (e is CastExpr { Operand: LiteralExpr { IsNullValue: true } }) return Expr.Null(e.Type);
        return null;
    }
}
