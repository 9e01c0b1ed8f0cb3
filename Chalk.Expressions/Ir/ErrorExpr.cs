namespace Chalk.Expressions;

/// <summary>A value that fails its row with a message (a C# <c>throw</c>), typed so it can stand in any branch.</summary>
/// <remarks>Evaluating it on a row gives that row a null value and a <see cref="RowError"/> with <see cref="Message"/>.</remarks>
public sealed class ErrorExpr : Expr
{
    /// <summary>Creates the error value.</summary>
    /// <param name="message">The row error's message.</param>
    /// <param name="type">The type the value stands in for.</param>
    public ErrorExpr(string message, ExprType type) : base(type, false)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
    }

    /// <summary>The message given to each row that evaluates this node.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [];

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        CheckArity(children, 0);
        return this;
    }

    private protected override bool NodeEquals(Expr other) => ((ErrorExpr)other).Message == Message;

    private protected override int NodeHash() => StringComparer.Ordinal.GetHashCode(Message);
}
