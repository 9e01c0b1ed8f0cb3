using System.Numerics;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// A C# shift per lane. The count varies per row, and the vector shifts take one count for all lanes, so this is
/// a plain loop; the delegate is the C# operator itself, which masks the count.
/// </summary>
internal sealed class ShiftKernel<T>(Func<T, int, T> op) : Kernel where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var n = args[1].ValuesOrBroadcast<int>();
        var dst = result.WritableValues<T>();
        for (int i = 0; i < dst.Length; i++) dst[i] = op(x[i], n[i]);
    }
}

/// <summary>
/// <c>Math.Sign</c> into int32 without boxing. Integers never fail; a float NaN in a valid row fails the row with
/// .NET's message (taken from .NET once), null lanes are skipped since they may hold NaN.
/// </summary>
internal sealed class SignKernel<T> : Kernel where T : unmanaged, INumber<T>
{
    private static readonly string s_nanMessage = NanMessage();

    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var dst = result.WritableValues<int>();
        var validity = result.Validity;
        for (int i = 0; i < dst.Length; i++)
        {
            T v = x[i];
            // INumber.Sign is Math.Sign for every numeric type, including the NaN throw; test NaN first to avoid it.
            if (T.IsNaN(v))
            {
                dst[i] = 0;
                if (validity is null || (validity[i >> 6] & (1UL << i)) != 0) result.SetError(i, s_nanMessage);
                continue;
            }
            dst[i] = T.Sign(v);
        }
    }

    private static string NanMessage()
    {
        try
        {
            _ = Math.Sign(double.NaN);
        }
        catch (ArithmeticException e)
        {
            return e.Message;
        }
        throw new ChalkInternalException("sign: expected NaN to throw");
    }
}
