namespace Chalk.Expressions;

/// <summary>A conditional: <c>if(condition, then, else)</c>, C#'s <c>c ? a : b</c>.</summary>
/// <remarks>
/// Only the taken branch's row errors count, as in C#. A null condition takes the else branch
/// (the lifter never produces one: C# conditions are plain <c>bool</c>).
/// </remarks>
public sealed class IfExpr : Expr
{
    /// <summary>Creates a conditional.</summary>
    /// <param name="condition">A bool expression.</param>
    /// <param name="then">The value when the condition is true.</param>
    /// <param name="else">The value otherwise; same type as <paramref name="then"/>.</param>
    /// <exception cref="ArgumentException">The condition is not bool or the branch types differ.</exception>
    public IfExpr(Expr condition, Expr then, Expr @else) : base(then.Type, then.Nullable || @else.Nullable)
    {
        if (condition.Type != ExprType.Bool)
            throw new ArgumentException($"if: condition must be bool, got {condition.Type.Name()}.", nameof(condition));
        if (then.Type != @else.Type)
            throw new ArgumentException($"if: branches must have one type, got (bool, {then.Type.Name()}, {@else.Type.Name()}).", nameof(@else));
        Condition = condition;
        Then = then;
        Else = @else;
    }

    /// <summary>The condition.</summary>
    public Expr Condition { get; }

    /// <summary>The value when the condition is true.</summary>
    public Expr Then { get; }

    /// <summary>The value when the condition is false or null.</summary>
    public Expr Else { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [Condition, Then, Else];

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        CheckArity(children, 3);
        return ReferenceEquals(children[0], Condition) && ReferenceEquals(children[1], Then) && ReferenceEquals(children[2], Else)
            ? this
            : new IfExpr(children[0], children[1], children[2]);
    }

    private protected override bool NodeEquals(Expr other) => true;

    private protected override int NodeHash() => 17;
}
