namespace Chalk.Expressions;

/// <summary>A reference to an input column by name.</summary>
public sealed class ColumnExpr : Expr
{
    /// <summary>Creates a column reference.</summary>
    /// <param name="name">The column's name in the input schema.</param>
    /// <param name="type">The column's type.</param>
    /// <param name="nullable">Whether the column may hold nulls.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public ColumnExpr(string name, ExprType type, bool nullable) : base(type, nullable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [];

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        CheckArity(children, 0);
        return this;
    }

    private protected override bool NodeEquals(Expr other) => ((ColumnExpr)other).Name == Name;

    private protected override int NodeHash() => StringComparer.Ordinal.GetHashCode(Name);
}
