using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>!a</c>; null stays null.</summary>
internal sealed partial class NotFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Bool, ExprType.Bool)];

    public override string Name => "not";

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        SqlForm.Template(SqlDialect.DuckDb, "(NOT {0})"),
        SqlForm.Template(SqlDialect.PostgreSql, "(NOT {0})"),
    ];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => !(bool)args[0]!;

    internal override Kernel CreateKernel(FunctionSignature signature) => new NotKernel();
}
