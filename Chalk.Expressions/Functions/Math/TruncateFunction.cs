using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Truncate(a)</c> / <c>MathF.Truncate(a)</c>: toward zero, keeping −0, NaN and ±∞.</summary>
internal sealed class TruncateFunction : FloatUnaryFunction
{
    public override string Name => "truncate";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Truncate), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Truncate), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "trunc({0})")];

    public override float Float32(float a) => MathF.Truncate(a);

    public override double Float64(double a) => Math.Truncate(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new UnaryKernel<TruncateF32, float>()
        : new UnaryKernel<TruncateF64, double>();
}
