using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels;

/// <summary>Which C# shift a <see cref="ShiftKernel{T}"/> computes.</summary>
internal enum ShiftKind
{
    /// <summary><c>&lt;&lt;</c>.</summary>
    Left,

    /// <summary><c>&gt;&gt;</c> (arithmetic on signed values).</summary>
    Right,

    /// <summary><c>&gt;&gt;&gt;</c> (logical).</summary>
    RightUnsigned,
}

/// <summary>
/// A C# shift. A constant count (C# emits <c>x &lt;&lt; 3</c> without a mask, so it arrives as a scalar) is masked
/// once and shifts whole vectors; a count that varies per row runs the C# operator per lane, because the vector
/// shifts take one count for all lanes.
/// </summary>
internal sealed class ShiftKernel<T>(Func<T, int, T> op, ShiftKind kind) : Kernel where T : unmanaged, IBinaryInteger<T>
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<T>();
        var dst = result.WritableValues<T>();
        if (args[1] is { IsScalar: true, Scalar: int count })
        {
            ShiftAll(x, count & (Unsafe.SizeOf<T>() * 8 - 1), dst);
            return;
        }
        var n = args[1].ValuesOrBroadcast<int>();
        for (int i = 0; i < dst.Length; i++) dst[i] = op(x[i], n[i]);
    }

    private void ShiftAll(ReadOnlySpan<T> x, int count, Span<T> dst)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= dst.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.Create(x.Slice(i, Vector256<T>.Count));
                var r = kind switch { ShiftKind.Left => v << count, ShiftKind.Right => v >> count, _ => v >>> count };
                r.CopyTo(dst.Slice(i, Vector256<T>.Count));
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= dst.Length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                var v = Vector128.Create(x.Slice(i, Vector128<T>.Count));
                var r = kind switch { ShiftKind.Left => v << count, ShiftKind.Right => v >> count, _ => v >>> count };
                r.CopyTo(dst.Slice(i, Vector128<T>.Count));
            }
        }
        for (; i < dst.Length; i++) dst[i] = op(x[i], count);
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
