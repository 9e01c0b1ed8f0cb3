namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Exp(a)</c> / <c>MathF.Exp(a)</c>.</summary>
internal sealed partial class ExpFunction : FloatUnaryFunction
{
    public override string Name => "exp";

    public override float Float32(float a) => MathF.Exp(a);

    public override double Float64(double a) => Math.Exp(a);
}
