using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels;

/// <summary>Copies of the short byte runs strings mostly are, without a call into <c>memmove</c> per row.</summary>
/// <remarks>
/// A run of at most <see cref="Slack"/> bytes moves as one unaligned 16-byte load and store when 16 bytes can be read at
/// the source. The store may write up to <see cref="Slack"/> bytes past the run: writers fill their output left to
/// right (so the extra bytes land where the next run goes and are overwritten) and allocate <see cref="Slack"/> bytes
/// past the end.
/// </remarks>
internal static unsafe class ShortCopy
{
    /// <summary>The longest run copied with one vector, and the spare bytes a destination needs past its end.</summary>
    public const int Slack = 16;

    /// <summary>Copies <paramref name="n"/> bytes from <paramref name="src"/> (readable up to <paramref name="srcLimit"/>) to <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(byte* src, byte* srcLimit, byte* dst, int n)
    {
        if (n <= Slack && src + Slack <= srcLimit) Unsafe.WriteUnaligned(dst, Unsafe.ReadUnaligned<Vector128<byte>>(src));
        else Buffer.MemoryCopy(src, dst, n, n);
    }
}
