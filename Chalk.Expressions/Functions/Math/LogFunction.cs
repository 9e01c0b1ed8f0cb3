namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Log(a)</c> / <c>MathF.Log(a)</c>.</summary>
internal sealed partial class LogFunction : FloatUnaryFunction
{
    public override string Name => "log";

    public override float Float32(float a) => MathF.Log(a);

    public override double Float64(double a) => Math.Log(a);
}
