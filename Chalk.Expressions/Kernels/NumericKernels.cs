using System.Numerics;

namespace Chalk.Expressions.Kernels;

/// <summary>Runs a vectorizable binary operator over two value arrays (a scalar operand is broadcast once per evaluation).</summary>
internal sealed class BinaryKernel<TOp, T> : Kernel
    where TOp : IBinaryOperator<T>
    where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result) =>
        VectorLoops.Binary<TOp, T>(args[0].ValuesOrBroadcast<T>(), args[1].ValuesOrBroadcast<T>(), result.WritableValues<T>());
}

/// <summary>Runs a vectorizable unary operator.</summary>
internal sealed class UnaryKernel<TOp, T> : Kernel
    where TOp : IUnaryOperator<T>
    where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result) =>
        VectorLoops.Unary<TOp, T>(args[0].ValuesOrBroadcast<T>(), result.WritableValues<T>());
}

/// <summary>How a lifted comparison treats null operands.</summary>
internal enum CompareNulls
{
    /// <summary><c>&lt; &lt;= &gt; &gt;=</c>: false when either is null.</summary>
    False,

    /// <summary><c>==</c>: true when both are null, false when one is.</summary>
    Equal,

    /// <summary><c>!=</c>: false when both are null, true when one is.</summary>
    NotEqual,
}

/// <summary>Lifted comparison helpers shared by the numeric, bool and string comparison kernels.</summary>
internal static class LiftedCompare
{
    /// <summary>Combines comparison bits of valid rows with C#'s lifted null rules; the result is never null.</summary>
    public static void ApplyNulls(ulong[] bits, ulong[]? va, ulong[]? vb, CompareNulls rule, int length)
    {
        if (va is null && vb is null) return;
        int words = ChunkValue.Words(length);
        ulong tail = Bitmaps.TailMask(length);
        for (int w = 0; w < words; w++)
        {
            ulong a = va?[w] ?? ulong.MaxValue;
            ulong b = vb?[w] ?? ulong.MaxValue;
            ulong both = a & b;
            ulong r = bits[w] & both;
            r = rule switch
            {
                CompareNulls.Equal => r | (~a & ~b),
                CompareNulls.NotEqual => r | (a ^ b),
                _ => r,
            };
            bits[w] = w == words - 1 ? r & tail : r;
        }
    }
}

/// <summary>A vectorized comparison into a bitmap, then C#'s lifted null rules.</summary>
internal sealed class CompareKernel<TOp, T>(CompareNulls nulls) : Kernel
    where TOp : ICompareOperator<T>
    where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        VectorLoops.Compare<TOp, T>(args[0].ValuesOrBroadcast<T>(), args[1].ValuesOrBroadcast<T>(), result.Bits, result.Length);
        LiftedCompare.ApplyNulls(result.Bits, args[0].EffectiveValidity, args[1].EffectiveValidity, nulls, result.Length);
        result.Validity = null;
    }
}

/// <summary>Integer <c>/</c> or <c>%</c>: checks the divisor of valid rows only (null lanes may hold zero), as .NET would throw.</summary>
internal sealed class IntegerDivideKernel<T>(bool remainder) : Kernel
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    private static readonly string s_divideByZero = new DivideByZeroException().Message;
    private static readonly string s_overflow = new OverflowException().Message;

    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var y = args[1].ValuesOrBroadcast<T>();
        var dst = result.WritableValues<T>();
        var validity = result.Validity;
        T minusOne = -T.One;
        for (int i = 0; i < dst.Length; i++)
        {
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0)
            {
                dst[i] = T.Zero;
                continue;
            }
            T a = x[i];
            T b = y[i];
            if (b == T.Zero)
            {
                dst[i] = T.Zero;
                result.SetError(i, s_divideByZero);
            }
            else if (b == minusOne && a == T.MinValue)
            {
                dst[i] = T.Zero;
                result.SetError(i, s_overflow);
            }
            else
            {
                dst[i] = remainder ? a % b : a / b;
            }
        }
    }
}

/// <summary>A per-element scalar loop over a typed delegate, for operations with no vector form (exp, log, float %, pow); never faults.</summary>
internal sealed class ScalarUnaryKernel<T>(Func<T, T> op) : Kernel where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var dst = result.WritableValues<T>();
        for (int i = 0; i < dst.Length; i++) dst[i] = op(x[i]);
    }
}

/// <summary>A per-element scalar loop over a typed binary delegate; never faults.</summary>
internal sealed class ScalarBinaryKernel<T>(Func<T, T, T> op) : Kernel where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var y = args[1].ValuesOrBroadcast<T>();
        var dst = result.WritableValues<T>();
        for (int i = 0; i < dst.Length; i++) dst[i] = op(x[i], y[i]);
    }
}

/// <summary>
/// A per-element loop for operations that can throw (checked arithmetic, <c>Math.Abs(int.MinValue)</c>, clamp):
/// runs only valid rows and turns the .NET exception into that row's error.
/// </summary>
internal sealed class FallibleKernel<T>(Func<T, T, T> op) : Kernel where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var y = args.Length > 1 ? args[1].ValuesOrBroadcast<T>() : x;
        var dst = result.WritableValues<T>();
        var validity = result.Validity;
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = default;
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
            try
            {
                dst[i] = op(x[i], y[i]);
            }
            catch (ArithmeticException e)
            {
                result.SetError(i, e.Message);
            }
            catch (ArgumentException e)
            {
                result.SetError(i, e.Message);
            }
        }
    }
}
