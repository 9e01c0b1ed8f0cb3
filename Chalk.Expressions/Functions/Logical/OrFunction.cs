using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>a | b</c> on <c>bool</c> / <c>bool?</c>: true if either is true, else null if either is null, else false (both operands evaluated).</summary>
internal sealed partial class OrFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Bool, ExprType.Bool, ExprType.Bool)];

    public override string Name => "or";

    // SQL's three-valued OR is C#'s bool? |, in both dialects.
    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        SqlForm.Template(SqlDialect.DuckDb, "({0} OR {1})"),
        SqlForm.Template(SqlDialect.PostgreSql, "({0} OR {1})"),
    ];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override NullHandling NullHandling => NullHandling.Custom;

    public override bool IsResultNullable(IReadOnlyList<Expr> args) => args.Any(a => a.Nullable);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => (bool?)args[0] | (bool?)args[1];

    internal override Kernel CreateKernel(FunctionSignature signature) => new AndOrKernel(isAnd: false);
}
