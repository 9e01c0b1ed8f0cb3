namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>Math.Sign (NaN fails), Math.Truncate, Math.Log10, Math.Log(x, base).</summary>
public static class MathMembers
{
    public static int SignDouble(double x) => Math.Sign(x);

    public static int SignAll(int i, long l, float f) => Math.Sign(i) + Math.Sign(l) * 3 + Math.Sign(f) * 9;

    public static double Truncate(double x) => Math.Truncate(x);

    public static float TruncateFloat(float x) => MathF.Truncate(x);

    public static double Log10(double x) => Math.Log10(x);

    public static float Log10Float(float x) => MathF.Log10(x);

    public static double LogBase(double x, double b) => Math.Log(x, b);

    public static int? NullableSign(double? x) => x is null ? null : Math.Sign(x.Value);
}
