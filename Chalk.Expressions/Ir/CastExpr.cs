namespace Chalk.Expressions;

/// <summary><c>cast(x, type)</c>: C#'s unchecked explicit numeric conversion.</summary>
/// <remarks>
/// Integer narrowing wraps; float → integer truncates toward zero and saturates, NaN → 0 (.NET 9+);
/// integer → float rounds to nearest. Null stays null. Supported between the four numeric types,
/// and identity casts.
/// </remarks>
public sealed class CastExpr : Expr
{
    /// <summary>Creates the cast.</summary>
    /// <param name="operand">The value converted.</param>
    /// <param name="target">The target type.</param>
    /// <exception cref="ArgumentException">The conversion is not supported.</exception>
    public CastExpr(Expr operand, ExprType target) : base(target, operand.Nullable)
    {
        if (!(operand.Type == target || (operand.Type.IsNumeric() && target.IsNumeric())))
            throw new ArgumentException($"cast: no conversion from {operand.Type.Name()} to {target.Name()}.", nameof(target));
        Operand = operand;
    }

    /// <summary>The value converted.</summary>
    public Expr Operand { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [Operand];

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        CheckArity(children, 1);
        return ReferenceEquals(children[0], Operand) ? this : new CastExpr(children[0], Type);
    }

    private protected override bool NodeEquals(Expr other) => true;

    private protected override int NodeHash() => 29;
}
