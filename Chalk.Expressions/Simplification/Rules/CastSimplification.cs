namespace Chalk.Expressions.Simplification.Rules;

/// <summary>A cast to the operand's own type is the operand.</summary>
public sealed class CastSimplification : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e) => e is CastExpr c && c.Operand.Type == c.Type ? c.Operand : null;
}
