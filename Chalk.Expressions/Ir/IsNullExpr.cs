namespace Chalk.Expressions;

/// <summary><c>is_null(x)</c>: true where the operand is null (C#'s <c>!x.HasValue</c> / <c>x is null</c>); never null itself.</summary>
public sealed class IsNullExpr : Expr
{
    /// <summary>Creates the test.</summary>
    /// <param name="operand">The value tested.</param>
    public IsNullExpr(Expr operand) : base(ExprType.Bool, false) => Operand = operand;

    /// <summary>The value tested.</summary>
    public Expr Operand { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [Operand];

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        CheckArity(children, 1);
        return ReferenceEquals(children[0], Operand) ? this : new IsNullExpr(children[0]);
    }

    private protected override bool NodeEquals(Expr other) => true;

    private protected override int NodeHash() => 19;
}
