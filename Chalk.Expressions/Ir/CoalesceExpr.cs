namespace Chalk.Expressions;

/// <summary><c>coalesce(a, b, …)</c>: the first non-null operand, C#'s <c>a ?? b</c>.</summary>
/// <remarks>Operands after the first non-null one are not evaluated for that row: their row errors do not count.</remarks>
public sealed class CoalesceExpr : Expr
{
    private readonly Expr[] _operands;

    /// <summary>Creates the expression.</summary>
    /// <param name="operands">Two or more operands of one type.</param>
    /// <exception cref="ArgumentException">Fewer than two operands, or their types differ.</exception>
    public CoalesceExpr(IReadOnlyList<Expr> operands) : base(Check(operands), operands.All(o => o.Nullable))
    {
        _operands = operands.ToArray();
    }

    private static ExprType Check(IReadOnlyList<Expr> operands)
    {
        if (operands.Count < 2) throw new ArgumentException("coalesce takes at least two operands.", nameof(operands));
        var t = operands[0].Type;
        if (operands.Any(o => o.Type != t))
            throw new ArgumentException($"coalesce: operands must have one type, got ({string.Join(", ", operands.Select(o => o.Type.Name()))}).", nameof(operands));
        return t;
    }

    /// <summary>The operands in order.</summary>
    public IReadOnlyList<Expr> Operands => _operands;

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => _operands;

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children) =>
        SameChildren(children, _operands) ? this : new CoalesceExpr(children);

    private protected override bool NodeEquals(Expr other) => true;

    private protected override int NodeHash() => 23;
}
