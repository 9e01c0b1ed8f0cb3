namespace Chalk.Expressions;

public abstract partial class Expr
{
    /// <summary>A column reference: <c>col("name")</c>.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="type">The column's type.</param>
    /// <param name="nullable">Whether the column may hold nulls.</param>
    /// <returns>The node.</returns>
    public static ColumnExpr Col(string name, ExprType type, bool nullable = false) => new(name, type, nullable);

    /// <summary>A bool literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(bool value) => new(value, ExprType.Bool);

    /// <summary>An int32 literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(int value) => new(value, ExprType.Int32);

    /// <summary>An int64 literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(long value) => new(value, ExprType.Int64);

    /// <summary>A float32 literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(float value) => new(value, ExprType.Float32);

    /// <summary>A float64 literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(double value) => new(value, ExprType.Float64);

    /// <summary>A utf8 literal (a null string gives a typed null).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(string? value) => new(value, ExprType.Utf8);

    /// <summary>A timestamp literal.</summary>
    /// <param name="value">The value; its <see cref="DateTime.Kind"/> is ignored.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(DateTime value) => new(value, ExprType.Timestamp);

    /// <summary>A duration literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Lit(TimeSpan value) => new(value, ExprType.Duration);

    /// <summary>A literal of an explicit type, e.g. from the lifter's constant stack.</summary>
    /// <param name="value">A value of <see cref="ExprTypes.ClrType"/> of <paramref name="type"/>, or null.</param>
    /// <param name="type">The type.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The value's CLR type does not match.</exception>
    public static LiteralExpr Lit(object? value, ExprType type) => new(value, type);

    /// <summary>A typed null literal: <c>lit(null, type)</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The node.</returns>
    public static LiteralExpr Null(ExprType type) => new(null, type);

    /// <summary>A function call, type-checked against the registry.</summary>
    /// <param name="function">The function's name, e.g. <c>add</c> or <c>max</c>.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">Unknown function or no signature for these argument types; the message names both.</exception>
    public static CallExpr Call(string function, params Expr[] args) => CallExpr.Create(function, args);

    /// <summary>A conditional: <c>if(condition, then, else)</c>.</summary>
    /// <param name="condition">A bool expression.</param>
    /// <param name="then">The value when true.</param>
    /// <param name="else">The value otherwise.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">Type mismatch.</exception>
    public static IfExpr If(Expr condition, Expr then, Expr @else) => new(condition, then, @else);

    /// <summary><c>is_null(operand)</c>.</summary>
    /// <param name="operand">The value tested.</param>
    /// <returns>The node.</returns>
    public static IsNullExpr IsNull(Expr operand) => new(operand);

    /// <summary><c>coalesce(a, b, …)</c>.</summary>
    /// <param name="operands">Two or more operands of one type.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">Fewer than two operands or mixed types.</exception>
    public static CoalesceExpr Coalesce(params Expr[] operands) => new(operands);

    /// <summary><c>cast(operand, type)</c>.</summary>
    /// <param name="operand">The value converted.</param>
    /// <param name="target">The target type.</param>
    /// <returns>The node.</returns>
    /// <exception cref="ArgumentException">The conversion is not supported.</exception>
    public static CastExpr Cast(Expr operand, ExprType target) => new(operand, target);

    /// <summary>An error value: <c>error("message")</c>.</summary>
    /// <param name="message">The row error's message.</param>
    /// <param name="type">The type it stands in for.</param>
    /// <returns>The node.</returns>
    public static ErrorExpr Error(string message, ExprType type) => new(message, type);

    /// <summary><c>not(operand)</c>.</summary>
    /// <param name="operand">A bool expression.</param>
    /// <returns>The node.</returns>
    public static CallExpr Not(Expr operand) => Call("not", operand);

    /// <summary><c>and(a, b)</c> (C#'s non-short-circuit <c>&amp;</c>; lifted on <c>bool?</c>).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The node.</returns>
    public static CallExpr And(Expr a, Expr b) => Call("and", a, b);

    /// <summary><c>or(a, b)</c> (C#'s non-short-circuit <c>|</c>; lifted on <c>bool?</c>).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The node.</returns>
    public static CallExpr Or(Expr a, Expr b) => Call("or", a, b);

    /// <summary><c>a + b</c> (unchecked).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The node.</returns>
    public static CallExpr Add(Expr a, Expr b) => Call("add", a, b);

    /// <summary><c>a - b</c> (unchecked).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The node.</returns>
    public static CallExpr Sub(Expr a, Expr b) => Call("sub", a, b);

    /// <summary><c>a * b</c> (unchecked).</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The node.</returns>
    public static CallExpr Mul(Expr a, Expr b) => Call("mul", a, b);

    /// <summary><c>a / b</c>.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    /// <returns>The node.</returns>
    public static CallExpr Div(Expr a, Expr b) => Call("div", a, b);
}
