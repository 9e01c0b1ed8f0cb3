namespace Chalk.Expressions.Simplification.Rules;

/// <summary>A call, cast or <c>is_null</c> whose first failing operand is an <c>error(…)</c> node, preceded only by operands that cannot fail, is that error.</summary>
public sealed class ErrorPropagation : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e)
    {
        if (e is not (CallExpr or CastExpr or IsNullExpr)) return null;
        foreach (var c in e.Children)
        {
            if (c is ErrorExpr err) return new ErrorExpr(err.Message, e.Type);
            if (Simplifier.CanFail(c)) return null;
        }
        return null;
    }
}
