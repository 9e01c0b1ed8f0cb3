using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>string.Concat(a, b)</c> (C#'s <c>a + b</c> on strings): a null operand counts as empty; never null.</summary>
internal sealed partial class ConcatFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Utf8, ExprType.Utf8, ExprType.Utf8)];

    public override string Name => "concat";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(string), nameof(string.Concat), typeof(string), typeof(string)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"(coalesce({c.Arg(0)}, '') || coalesce({c.Arg(1)}, ''))", MayBeNull: false))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override NullHandling NullHandling => NullHandling.Custom;

    public override bool IsResultNullable(IReadOnlyList<Expr> args) => false;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => string.Concat((string?)args[0], (string?)args[1]);

    internal override Kernel CreateKernel(FunctionSignature signature) => new ConcatKernel();
}
