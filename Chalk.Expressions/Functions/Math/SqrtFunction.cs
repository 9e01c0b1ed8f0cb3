namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Sqrt(a)</c> / <c>MathF.Sqrt(a)</c>.</summary>
internal sealed partial class SqrtFunction : FloatUnaryFunction
{
    public override string Name => "sqrt";

    public override float Float32(float a) => MathF.Sqrt(a);

    public override double Float64(double a) => Math.Sqrt(a);
}
