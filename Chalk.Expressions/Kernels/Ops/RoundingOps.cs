using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels.Ops;

/// <summary><c>Math.Truncate</c> for double (round toward zero: exact in both forms, keeps −0, NaN and ±∞).</summary>
internal readonly struct TruncateF64 : IUnaryOperator<double>
{
    public static double Invoke(double x) => Math.Truncate(x);
    public static Vector128<double> Invoke(Vector128<double> x) => Vector128.Truncate(x);
    public static Vector256<double> Invoke(Vector256<double> x) => Vector256.Truncate(x);
    public static Vector512<double> Invoke(Vector512<double> x) => Vector512.Truncate(x);
}

/// <summary><c>MathF.Truncate</c> for float.</summary>
internal readonly struct TruncateF32 : IUnaryOperator<float>
{
    public static float Invoke(float x) => MathF.Truncate(x);
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Truncate(x);
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Truncate(x);
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Truncate(x);
}
