using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Log(a)</c> / <c>MathF.Log(a)</c>.</summary>
internal sealed partial class LogFunction : FloatUnaryFunction
{
    public override string Name => "log";

    public override float Float32(float a) => MathF.Log(a);

    public override double Float64(double a) => Math.Log(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new ScalarUnaryKernel<float>(MathF.Log)
        : new ScalarUnaryKernel<double>(Math.Log);
}
