using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Pow(a, b)</c>.</summary>
internal sealed partial class PowFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Float64, ExprType.Float64, ExprType.Float64)];

    public override string Name => "pow";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(Math), nameof(Math.Pow), typeof(double), typeof(double))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "pow({0}, {1})")];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => Math.Pow((double)args[0]!, (double)args[1]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => new ScalarBinaryKernel<double>(Math.Pow);
}
