namespace Chalk.Expressions.Simplification.Rules;

/// <summary>Evaluates calls, casts and <c>is_null</c> whose operands are all literals; a call that would fail becomes <c>error(message)</c>.</summary>
public sealed class ConstantFolding : SimplifierRule
{
    /// <inheritdoc/>
    public override Expr? TryRewrite(Expr e)
    {
        if (e is not (CallExpr or CastExpr or IsNullExpr) || !e.Children.All(c => c is LiteralExpr)) return null;
        var v = ReferenceEvaluator.EvaluateRow(e, _ => throw new ChalkInternalException("constant folding read a column"));
        return v.Error is not null ? new ErrorExpr(v.Error, e.Type) : new LiteralExpr(v.Value, e.Type);
    }
}
