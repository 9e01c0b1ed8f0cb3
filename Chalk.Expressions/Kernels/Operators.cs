using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels;

/// <summary>An element-wise unary operation with scalar and vector forms (TensorPrimitives' operator shape).</summary>
internal interface IUnaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x);

    static abstract Vector128<T> Invoke(Vector128<T> x);

    static abstract Vector256<T> Invoke(Vector256<T> x);

    static abstract Vector512<T> Invoke(Vector512<T> x);
}

/// <summary>An element-wise binary operation with scalar and vector forms.</summary>
internal interface IBinaryOperator<T> where T : unmanaged
{
    static abstract T Invoke(T x, T y);

    static abstract Vector128<T> Invoke(Vector128<T> x, Vector128<T> y);

    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}

/// <summary>An element-wise comparison: a bool per element, all-ones lanes per vector.</summary>
internal interface ICompareOperator<T> where T : unmanaged
{
    static abstract bool Invoke(T x, T y);

    static abstract Vector128<T> Invoke(Vector128<T> x, Vector128<T> y);

    static abstract Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    static abstract Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}
