namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Floor(a)</c> / <c>MathF.Floor(a)</c>.</summary>
internal sealed partial class FloorFunction : FloatUnaryFunction
{
    public override string Name => "floor";

    public override float Float32(float a) => MathF.Floor(a);

    public override double Float64(double a) => Math.Floor(a);
}
