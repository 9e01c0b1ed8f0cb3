using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>a ^ b</c> on bools; null if either is null.</summary>
internal sealed partial class XorFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Bool, ExprType.Bool, ExprType.Bool)];

    public override string Name => "xor";

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        SqlForm.Template(SqlDialect.DuckDb, "({0} <> {1})"),
        SqlForm.Template(SqlDialect.PostgreSql, "({0} <> {1})"),
    ];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => (bool)args[0]! ^ (bool)args[1]!;

    internal override Kernel CreateKernel(FunctionSignature signature) => new XorKernel();
}
