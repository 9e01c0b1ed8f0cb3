using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Floor(a)</c> / <c>MathF.Floor(a)</c>.</summary>
internal sealed partial class FloorFunction : FloatUnaryFunction
{
    public override string Name => "floor";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Floor), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Floor), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "floor({0})")];

    public override float Float32(float a) => MathF.Floor(a);

    public override double Float64(double a) => Math.Floor(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new UnaryKernel<FloorF32, float>()
        : new UnaryKernel<FloorF64, double>();
}
