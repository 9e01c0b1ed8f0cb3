using System.Numerics;
using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels.Ops;

/// <summary><c>x + y</c>, wrapping for integers.</summary>
internal readonly struct AddOp<T> : IBinaryOperator<T> where T : unmanaged, INumberBase<T>
{
    public static T Invoke(T x, T y) => x + y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x + y;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x + y;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x + y;
}

/// <summary><c>x - y</c>, wrapping for integers.</summary>
internal readonly struct SubOp<T> : IBinaryOperator<T> where T : unmanaged, INumberBase<T>
{
    public static T Invoke(T x, T y) => x - y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x - y;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x - y;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x - y;
}

/// <summary><c>x * y</c>, wrapping for integers.</summary>
internal readonly struct MulOp<T> : IBinaryOperator<T> where T : unmanaged, INumberBase<T>
{
    public static T Invoke(T x, T y) => x * y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x * y;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x * y;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x * y;
}

/// <summary><c>x / y</c> for floats only (IEEE: never faults).</summary>
internal readonly struct DivFloatOp<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T y) => x / y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x / y;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x / y;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x / y;
}

/// <summary><c>Math.Min</c>: NaN-propagating, -0 below +0 (the vector Min has the same IEEE 754:2019 semantics since .NET 9).</summary>
internal readonly struct MinOp<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x, T y) => T.Min(x, y);
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => Vector128.Min(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Min(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Min(x, y);
}

/// <summary><c>Math.Max</c>: NaN-propagating (unlike <c>maxpd</c>), +0 above -0.</summary>
internal readonly struct MaxOp<T> : IBinaryOperator<T> where T : unmanaged, INumber<T>
{
    public static T Invoke(T x, T y) => T.Max(x, y);
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => Vector128.Max(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Max(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, y);
}

/// <summary><c>-x</c>, wrapping for integers.</summary>
internal readonly struct NegOp<T> : IUnaryOperator<T> where T : unmanaged, INumberBase<T>
{
    public static T Invoke(T x) => -x;
    public static Vector128<T> Invoke(Vector128<T> x) => -x;
    public static Vector256<T> Invoke(Vector256<T> x) => -x;
    public static Vector512<T> Invoke(Vector512<T> x) => -x;
}

/// <summary><c>Math.Abs</c> for floats (clears the sign bit; never faults).</summary>
internal readonly struct AbsFloatOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Abs(x);
    public static Vector128<T> Invoke(Vector128<T> x) => Vector128.Abs(x);
    public static Vector256<T> Invoke(Vector256<T> x) => Vector256.Abs(x);
    public static Vector512<T> Invoke(Vector512<T> x) => Vector512.Abs(x);
}

/// <summary><c>Math.Sqrt</c> (correctly rounded in both forms).</summary>
internal readonly struct SqrtOp<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.Sqrt(x);
    public static Vector128<T> Invoke(Vector128<T> x) => Vector128.Sqrt(x);
    public static Vector256<T> Invoke(Vector256<T> x) => Vector256.Sqrt(x);
    public static Vector512<T> Invoke(Vector512<T> x) => Vector512.Sqrt(x);
}

/// <summary><c>Math.Floor</c> for double.</summary>
internal readonly struct FloorF64 : IUnaryOperator<double>
{
    public static double Invoke(double x) => Math.Floor(x);
    public static Vector128<double> Invoke(Vector128<double> x) => Vector128.Floor(x);
    public static Vector256<double> Invoke(Vector256<double> x) => Vector256.Floor(x);
    public static Vector512<double> Invoke(Vector512<double> x) => Vector512.Floor(x);
}

/// <summary><c>MathF.Floor</c> for float.</summary>
internal readonly struct FloorF32 : IUnaryOperator<float>
{
    public static float Invoke(float x) => MathF.Floor(x);
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Floor(x);
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Floor(x);
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Floor(x);
}

/// <summary><c>Math.Ceiling</c> for double.</summary>
internal readonly struct CeilingF64 : IUnaryOperator<double>
{
    public static double Invoke(double x) => Math.Ceiling(x);
    public static Vector128<double> Invoke(Vector128<double> x) => Vector128.Ceiling(x);
    public static Vector256<double> Invoke(Vector256<double> x) => Vector256.Ceiling(x);
    public static Vector512<double> Invoke(Vector512<double> x) => Vector512.Ceiling(x);
}

/// <summary><c>MathF.Ceiling</c> for float.</summary>
internal readonly struct CeilingF32 : IUnaryOperator<float>
{
    public static float Invoke(float x) => MathF.Ceiling(x);
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Ceiling(x);
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Ceiling(x);
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Ceiling(x);
}

/// <summary><c>Math.Round</c> (half to even) for double.</summary>
internal readonly struct RoundF64 : IUnaryOperator<double>
{
    public static double Invoke(double x) => Math.Round(x);
    public static Vector128<double> Invoke(Vector128<double> x) => Vector128.Round(x);
    public static Vector256<double> Invoke(Vector256<double> x) => Vector256.Round(x);
    public static Vector512<double> Invoke(Vector512<double> x) => Vector512.Round(x);
}

/// <summary><c>MathF.Round</c> (half to even) for float.</summary>
internal readonly struct RoundF32 : IUnaryOperator<float>
{
    public static float Invoke(float x) => MathF.Round(x);
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Round(x);
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Round(x);
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Round(x);
}
