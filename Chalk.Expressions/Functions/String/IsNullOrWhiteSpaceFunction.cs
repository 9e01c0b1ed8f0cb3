using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>string.IsNullOrWhiteSpace(s)</c>; never null.</summary>
internal sealed partial class IsNullOrWhiteSpaceFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Bool, ExprType.Utf8)];

    public override string Name => "is_null_or_whitespace";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(string), nameof(string.IsNullOrWhiteSpace), typeof(string))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"coalesce(trim({c.Arg(0)}, {c.Str(TrimFunction.DotNetWhiteSpace)}) = '', true)", MayBeNull: false))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override NullHandling NullHandling => NullHandling.Custom;

    public override bool IsResultNullable(IReadOnlyList<Expr> args) => false;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => string.IsNullOrWhiteSpace((string?)args[0]);

    internal override Kernel CreateKernel(FunctionSignature signature) => new NullOrEmptyKernel(whiteSpace: true);
}
