using System.Numerics;
using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels.Ops;

/// <summary>Integer <c>x &amp; y</c>.</summary>
internal readonly struct BitAndOp<T> : IBinaryOperator<T> where T : unmanaged, IBinaryInteger<T>
{
    public static T Invoke(T x, T y) => x & y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x & y;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x & y;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x & y;
}

/// <summary>Integer <c>x | y</c>.</summary>
internal readonly struct BitOrOp<T> : IBinaryOperator<T> where T : unmanaged, IBinaryInteger<T>
{
    public static T Invoke(T x, T y) => x | y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x | y;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x | y;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x | y;
}

/// <summary>Integer <c>x ^ y</c>.</summary>
internal readonly struct BitXorOp<T> : IBinaryOperator<T> where T : unmanaged, IBinaryInteger<T>
{
    public static T Invoke(T x, T y) => x ^ y;
    public static Vector128<T> Invoke(Vector128<T> x, Vector128<T> y) => x ^ y;
    public static Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => x ^ y;
    public static Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => x ^ y;
}

/// <summary>Integer <c>~x</c>.</summary>
internal readonly struct BitNotOp<T> : IUnaryOperator<T> where T : unmanaged, IBinaryInteger<T>
{
    public static T Invoke(T x) => ~x;
    public static Vector128<T> Invoke(Vector128<T> x) => ~x;
    public static Vector256<T> Invoke(Vector256<T> x) => ~x;
    public static Vector512<T> Invoke(Vector512<T> x) => ~x;
}
