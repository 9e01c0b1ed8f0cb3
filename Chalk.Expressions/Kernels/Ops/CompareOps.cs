using System.Numerics;
using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels.Ops;

/// <summary><c>x == y</c> (NaN unequal).</summary>
internal readonly struct EqOp<T> : ICompareOperator<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T x, T y) => x == y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => Vector128.Equals(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Equals(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Equals(x, y);
}

/// <summary><c>x != y</c> (true for NaN).</summary>
internal readonly struct NeOp<T> : ICompareOperator<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T x, T y) => x != y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => ~Vector128.Equals(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => ~Vector256.Equals(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => ~Vector512.Equals(x, y);
}

/// <summary><c>x &lt; y</c>.</summary>
internal readonly struct LtOp<T> : ICompareOperator<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T x, T y) => x < y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => Vector128.LessThan(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.LessThan(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.LessThan(x, y);
}

/// <summary><c>x &lt;= y</c>.</summary>
internal readonly struct LeOp<T> : ICompareOperator<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T x, T y) => x <= y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => Vector128.LessThanOrEqual(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.LessThanOrEqual(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.LessThanOrEqual(x, y);
}

/// <summary><c>x &gt; y</c>.</summary>
internal readonly struct GtOp<T> : ICompareOperator<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T x, T y) => x > y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => Vector128.GreaterThan(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThan(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThan(x, y);
}

/// <summary><c>x &gt;= y</c>.</summary>
internal readonly struct GeOp<T> : ICompareOperator<T> where T : unmanaged, INumber<T>
{
    public static bool Invoke(T x, T y) => x >= y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => Vector128.GreaterThanOrEqual(x, y);
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThanOrEqual(x, y);
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThanOrEqual(x, y);
}
