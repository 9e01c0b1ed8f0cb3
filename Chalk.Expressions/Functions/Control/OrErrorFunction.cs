namespace Chalk.Expressions.Functions;

/// <summary><c>or_error(value, message)</c>: <c>value</c>, or a row error with <c>message</c> where the message is non-null.</summary>
/// <remarks>
/// Stands for a value computed elsewhere together with its row errors (an aggregate's result column and its error
/// column), so the error is raised only where the expression evaluates it: inside <c>if</c> or <c>coalesce</c> a branch
/// not taken does not fail the row, exactly as the C# it was lifted from does not evaluate it there.
/// </remarks>
internal sealed class OrErrorFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures =
        new[] { ExprType.Bool, ExprType.Int32, ExprType.Int64, ExprType.Float32, ExprType.Float64, ExprType.Utf8, ExprType.Timestamp, ExprType.Duration }
            .Select(t => new FunctionSignature(t, t, ExprType.Utf8)).ToArray();

    public override string Name => "or_error";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText(c.Arg(0), Error: c.Arg(1), MayBeNull: c.ArgMayBeNull(0)))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override NullHandling NullHandling => NullHandling.Custom;

    public override bool CanFail => true;

    public override bool IsResultNullable(IReadOnlyList<Expr> args) => args[0].Nullable;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature)
        // The evaluators turn an ArgumentException into a row error with its message, which (no parameter name) is exactly the given one.
        => args[1] is string message ? throw new ArgumentException(message) : args[0];
}
