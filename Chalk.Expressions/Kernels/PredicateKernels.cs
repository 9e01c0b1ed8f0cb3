using System.Numerics;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Kernels;

/// <summary><c>IsNaN(x)</c> as the vectorized comparison <c>x != x</c>.</summary>
internal sealed class IsNanKernel<T> : Kernel where T : unmanaged, INumber<T>
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        VectorLoops.Compare<NeOp<T>, T>(x, x, result.Bits, result.Length);
    }
}

/// <summary>A per-element bool predicate into the result bitmap.</summary>
internal sealed class PredicateKernel<T>(Func<T, bool> predicate) : Kernel where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var bits = result.Bits;
        Bitmaps.ClearAll(bits, result.Length);
        for (int i = 0; i < result.Length; i++)
        {
            if (predicate(x[i])) bits[i >> 6] |= 1UL << i;
        }
    }
}

/// <summary>A part of a timestamp (year, month, …) computed on valid rows only (garbage ticks would throw).</summary>
internal sealed class DatePartKernel(Func<DateTime, int> part) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<long>();
        var dst = result.WritableValues<int>();
        var validity = result.Validity;
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = 0;
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
            try
            {
                dst[i] = part(ArrowTime.TimestampFromMicros(x[i]));
            }
            catch (ArgumentException e)
            {
                result.SetError(i, e.Message);
            }
        }
    }
}
