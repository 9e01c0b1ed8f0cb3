namespace Chalk.Expressions;

/// <summary>An immutable, typed node of the expression IR.</summary>
/// <remarks>
/// Nodes compare and hash structurally (two separately built <c>col("S") - col("D")</c> are equal),
/// which is what hash-consing and common-subexpression elimination rely on. Float literals compare
/// by bit pattern, so <c>lit(0.0)</c> and <c>lit(-0.0)</c> differ and <c>lit(NaN)</c> equals itself.
/// Build nodes with the static factories (<see cref="Col"/>, <see cref="Lit(double)"/>,
/// <see cref="Call(string, Expr[])"/>, <see cref="If"/>, …), which type-check their arguments.
/// </remarks>
public abstract partial class Expr : IEquatable<Expr>
{
    private int _hash;

    private protected Expr(ExprType type, bool nullable)
    {
        Type = type;
        Nullable = nullable;
    }

    /// <summary>The type of the value this node produces.</summary>
    public ExprType Type { get; }

    /// <summary>Whether the value may be null for some row.</summary>
    public bool Nullable { get; }

    /// <summary>The node's operands, in evaluation order.</summary>
    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>Returns a node of the same kind with other operands (re-checked for types).</summary>
    /// <param name="children">The new operands; as many as <see cref="Children"/>.</param>
    /// <returns>The new node, or this node if every child is the same instance.</returns>
    public abstract Expr WithChildren(IReadOnlyList<Expr> children);

    /// <summary>Returns this expression simplified: constants folded, boolean and <c>if</c> rewrites applied, and equal subtrees shared.</summary>
    /// <returns>An equivalent, usually smaller expression.</returns>
    public Expr Simplify() => Simplifier.Simplify(this);

    /// <summary>Node-local equality (children are compared by <see cref="Equals(Expr?)"/>).</summary>
    /// <param name="other">A node of the same CLR type.</param>
    /// <returns>Whether the node-local parts are equal.</returns>
    private protected abstract bool NodeEquals(Expr other);

    /// <summary>Node-local hash code.</summary>
    /// <returns>The hash of the node-local parts.</returns>
    private protected abstract int NodeHash();

    /// <inheritdoc/>
    public bool Equals(Expr? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.GetType() != GetType() || other.Type != Type || other.Nullable != Nullable) return false;
        if (other.GetHashCode() != GetHashCode()) return false;
        if (!NodeEquals(other)) return false;
        var a = Children;
        var b = other.Children;
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (!a[i].Equals(b[i])) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Expr e && Equals(e);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = new HashCode();
        h.Add(GetType());
        h.Add(Type);
        h.Add(Nullable);
        h.Add(NodeHash());
        foreach (var c in Children) h.Add(c.GetHashCode());
        int hash = h.ToHashCode();
        _hash = hash == 0 ? 1 : hash;
        return _hash;
    }

    /// <summary>Prints the expression in the seed's notation, e.g. <c>if(is_null(col("D")), col("S"), col("S") - col("D"))</c>.</summary>
    /// <returns>The deterministic text form.</returns>
    public override string ToString() => ExprPrinter.Print(this);

    /// <summary>Structural equality.</summary>
    /// <param name="left">The left node.</param>
    /// <param name="right">The right node.</param>
    /// <returns>Whether both are null or structurally equal.</returns>
    public static bool operator ==(Expr? left, Expr? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Structural inequality.</summary>
    /// <param name="left">The left node.</param>
    /// <param name="right">The right node.</param>
    /// <returns>The negation of <c>==</c>.</returns>
    public static bool operator !=(Expr? left, Expr? right) => !(left == right);

    private protected static bool SameChildren(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i])) return false;
        }
        return true;
    }

    private protected void CheckArity(IReadOnlyList<Expr> children, int count)
    {
        if (children.Count != count)
            throw new ArgumentException($"{GetType().Name} takes {count} operand(s), got {children.Count}.", nameof(children));
    }
}
