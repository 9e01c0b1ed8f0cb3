using System.Numerics;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// <c>Math.Clamp(value, min, max)</c> without boxing: valid rows are clamped inline; a row whose
/// <c>min &gt; max</c> fails with .NET's own message (taken from the exception on that rare path).
/// A NaN value stays NaN, as in <c>Math.Clamp(double)</c>.
/// </summary>
internal sealed class ClampKernel<T> : Kernel where T : unmanaged, INumber<T>
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var lo = args[1].ValuesOrBroadcast<T>();
        var hi = args[2].ValuesOrBroadcast<T>();
        var dst = result.WritableValues<T>();
        var validity = result.Validity;
        for (int i = 0; i < dst.Length; i++)
        {
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0)
            {
                dst[i] = default;
                continue;
            }
            T min = lo[i];
            T max = hi[i];
            if (min > max)
            {
                dst[i] = default;
                result.SetError(i, ClampMessage(x[i], min, max));
                continue;
            }
            T v = x[i];
            dst[i] = v < min ? min : v > max ? max : v;
        }
    }

    private static string ClampMessage(T value, T min, T max)
    {
        try
        {
            _ = T.Clamp(value, min, max);
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        throw new ChalkInternalException("clamp: expected min > max to throw");
    }
}

/// <summary>
/// <c>Math.Round(value, digits)</c> / <c>MathF.Round(value, digits)</c> without boxing: calls .NET's
/// own overload (bit-identical by construction) for valid rows; digits out of range fail the row with
/// .NET's message.
/// </summary>
internal sealed class RoundDigitsKernel<T> : Kernel where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var digits = args[1].ValuesOrBroadcast<int>();
        var validity = result.Validity;
        if (typeof(T) == typeof(double))
        {
            var x = args[0].ValuesOrBroadcast<double>();
            var d = result.WritableValues<double>();
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = 0;
                if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
                int n = digits[i];
                if ((uint)n > 15u)
                {
                    result.SetError(i, RoundMessage(n, single: false));
                    continue;
                }
                d[i] = Math.Round(x[i], n);
            }
        }
        else
        {
            var x = args[0].ValuesOrBroadcast<float>();
            var d = result.WritableValues<float>();
            for (int i = 0; i < d.Length; i++)
            {
                d[i] = 0;
                if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
                int n = digits[i];
                if ((uint)n > 6u)
                {
                    result.SetError(i, RoundMessage(n, single: true));
                    continue;
                }
                d[i] = MathF.Round(x[i], n);
            }
        }
    }

    private static string RoundMessage(int digits, bool single)
    {
        try
        {
            if (single) _ = MathF.Round(0f, digits);
            else _ = Math.Round(0d, digits);
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        throw new ChalkInternalException("round: expected digits out of range to throw");
    }
}
