using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Ceiling(a)</c> / <c>MathF.Ceiling(a)</c>.</summary>
internal sealed partial class CeilingFunction : FloatUnaryFunction
{
    public override string Name => "ceiling";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Ceiling), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Ceiling), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "ceil({0})")];

    public override float Float32(float a) => MathF.Ceiling(a);

    public override double Float64(double a) => Math.Ceiling(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new UnaryKernel<CeilingF32, float>()
        : new UnaryKernel<CeilingF64, double>();
}
