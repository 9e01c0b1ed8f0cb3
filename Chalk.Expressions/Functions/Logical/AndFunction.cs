using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>a &amp; b</c> on <c>bool</c> / <c>bool?</c>: false if either is false, else null if either is null, else true (both operands evaluated).</summary>
internal sealed partial class AndFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Bool, ExprType.Bool, ExprType.Bool)];

    public override string Name => "and";

    // SQL's three-valued AND is C#'s bool? &, in both dialects.
    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        SqlForm.Template(SqlDialect.DuckDb, "({0} AND {1})"),
        SqlForm.Template(SqlDialect.PostgreSql, "({0} AND {1})"),
    ];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override NullHandling NullHandling => NullHandling.Custom;

    public override bool IsResultNullable(IReadOnlyList<Expr> args) => args.Any(a => a.Nullable);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => (bool?)args[0] & (bool?)args[1];

    internal override Kernel CreateKernel(FunctionSignature signature) => new AndOrKernel(isAnd: true);
}
