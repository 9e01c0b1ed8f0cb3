using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Log10(a)</c> / <c>MathF.Log10(a)</c> (scalar: a vector log is not bit-identical to the C runtime's).</summary>
internal sealed class Log10Function : FloatUnaryFunction
{
    public override string Name => "log10";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(Math), nameof(Math.Log10), typeof(double)), ClrMember.Method(typeof(MathF), nameof(MathF.Log10), typeof(float))];

    public override float Float32(float a) => MathF.Log10(a);

    public override double Float64(double a) => Math.Log10(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new ScalarUnaryKernel<float>(MathF.Log10)
        : new ScalarUnaryKernel<double>(Math.Log10);
}
