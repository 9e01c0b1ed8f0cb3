namespace Chalk.Expressions.Simplification.Rules;

/// <summary><c>is_null(x)</c> of an operand that is never null (and cannot fail) is <c>lit(false)</c>.</summary>
public sealed class IsNullOfNonNullable : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e) =>
        e is IsNullExpr { Operand: { Nullable: false } x } && !Simplifier.CanFail(x) ? Expr.Lit(false) : null;
}
