namespace Chalk.Expressions;

/// <summary>A constant value (possibly null) of a given type.</summary>
/// <remarks>
/// Values are stored as the CLR type of <see cref="ExprTypes.ClrType"/>: <see cref="bool"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="float"/>, <see cref="double"/>, <see cref="string"/>, <see cref="DateTime"/>
/// (timestamp) and <see cref="TimeSpan"/> (duration). A literal is never expanded to the batch length.
/// </remarks>
public sealed class LiteralExpr : Expr
{
    /// <summary>Creates a literal.</summary>
    /// <param name="value">The value, or null for a typed null.</param>
    /// <param name="type">The literal's type.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not of the CLR type of <paramref name="type"/>.</exception>
    public LiteralExpr(object? value, ExprType type) : base(type, value is null)
    {
        if (value is not null && value.GetType() != type.ClrType())
            throw new ArgumentException($"literal of type {type.Name()} needs a {type.ClrType().Name}, got {value.GetType().Name}.", nameof(value));
        Value = value;
    }

    /// <summary>The value, or null.</summary>
    public object? Value { get; }

    /// <summary>Whether this is a typed null.</summary>
    public bool IsNullValue => Value is null;

    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [];

    /// <inheritdoc/>
    public override Expr WithChildren(IReadOnlyList<Expr> children)
    {
        CheckArity(children, 0);
        return this;
    }

    private protected override bool NodeEquals(Expr other)
    {
        var o = ((LiteralExpr)other).Value;
        return (Value, o) switch
        {
            (null, null) => true,
            (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b),
            (float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b),
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (null, _) or (_, null) => false,
            _ => Value.Equals(o),
        };
    }

    private protected override int NodeHash() => Value switch
    {
        null => 0,
        double d => BitConverter.DoubleToInt64Bits(d).GetHashCode(),
        float f => BitConverter.SingleToInt32Bits(f),
        string s => StringComparer.Ordinal.GetHashCode(s),
        _ => Value.GetHashCode(),
    };
}
