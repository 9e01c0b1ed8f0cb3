using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Chalk.Expressions.Kernels;

/// <summary>
/// The shared loops, one per shape. Each runs the widest accelerated vector width first
/// (512 → 256 → 128), then the next narrower width on what is left, then scalars, so every length
/// is handled without reading or writing past the end. The JIT specializes each per operator struct.
/// </summary>
internal static class VectorLoops
{
    public static void Unary<TOp, T>(ReadOnlySpan<T> x, Span<T> dst)
        where TOp : IUnaryOperator<T>
        where T : unmanaged
    {
        int n = dst.Length;
        if (x.Length < n) throw new ArgumentException("input shorter than output", nameof(x));
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T rd = ref MemoryMarshal.GetReference(dst);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector512<T>.Count;
            for (; i + c <= len; i += c) TOp.Invoke(Vector512.LoadUnsafe(ref rx, i)).StoreUnsafe(ref rd, i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector256<T>.Count;
            for (; i + c <= len; i += c) TOp.Invoke(Vector256.LoadUnsafe(ref rx, i)).StoreUnsafe(ref rd, i);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector128<T>.Count;
            for (; i + c <= len; i += c) TOp.Invoke(Vector128.LoadUnsafe(ref rx, i)).StoreUnsafe(ref rd, i);
        }
        for (; i < len; i++) Unsafe.Add(ref rd, i) = TOp.Invoke(Unsafe.Add(ref rx, i));
    }

    public static void Binary<TOp, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst)
        where TOp : IBinaryOperator<T>
        where T : unmanaged
    {
        int n = dst.Length;
        if (x.Length < n || y.Length < n) throw new ArgumentException("input shorter than output", nameof(x));
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        ref T rd = ref MemoryMarshal.GetReference(dst);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector512<T>.Count;
            for (; i + c <= len; i += c)
                TOp.Invoke(Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector256<T>.Count;
            for (; i + c <= len; i += c)
                TOp.Invoke(Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
        }
        if (Vector128.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector128<T>.Count;
            for (; i + c <= len; i += c)
                TOp.Invoke(Vector128.LoadUnsafe(ref rx, i), Vector128.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
        }
        for (; i < len; i++) Unsafe.Add(ref rd, i) = TOp.Invoke(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i));
    }

    /// <summary>Compares element-wise into a bitmap (bit i = row i); <paramref name="bits"/> words are overwritten.</summary>
    public static void Compare<TOp, T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<ulong> bits, int n)
        where TOp : ICompareOperator<T>
        where T : unmanaged
    {
        if (x.Length < n || y.Length < n) throw new ArgumentException("input shorter than length", nameof(x));
        bits[..ChunkValue.Words(n)].Clear();
        ref T rx = ref MemoryMarshal.GetReference(x);
        ref T ry = ref MemoryMarshal.GetReference(y);
        ref ulong rb = ref MemoryMarshal.GetReference(bits);
        nuint i = 0;
        nuint len = (nuint)n;
        // Lane counts are powers of two dividing 64, and i only grows by them, so a mask never straddles words.
        if (Vector512.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector512<T>.Count;
            for (; i + c <= len; i += c)
            {
                ulong m = TOp.Invoke(Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref ry, i)).ExtractMostSignificantBits();
                Unsafe.Add(ref rb, i >> 6) |= m << (int)(i & 63);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector256<T>.Count;
            for (; i + c <= len; i += c)
            {
                ulong m = TOp.Invoke(Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i)).ExtractMostSignificantBits();
                Unsafe.Add(ref rb, i >> 6) |= m << (int)(i & 63);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            nuint c = (nuint)Vector128<T>.Count;
            for (; i + c <= len; i += c)
            {
                ulong m = TOp.Invoke(Vector128.LoadUnsafe(ref rx, i), Vector128.LoadUnsafe(ref ry, i)).ExtractMostSignificantBits();
                Unsafe.Add(ref rb, i >> 6) |= m << (int)(i & 63);
            }
        }
        for (; i < len; i++)
        {
            if (TOp.Invoke(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i))) Unsafe.Add(ref rb, i >> 6) |= 1UL << (int)(i & 63);
        }
    }

    /// <summary>dst[i] = bit i of <paramref name="cond"/> ? x[i] : y[i], for 4- and 8-byte element types.</summary>
    public static void Select<T>(ReadOnlySpan<ulong> cond, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst)
        where T : unmanaged
    {
        if (Unsafe.SizeOf<T>() == 8)
            Select64(cond, MemoryMarshal.Cast<T, long>(x), MemoryMarshal.Cast<T, long>(y), MemoryMarshal.Cast<T, long>(dst));
        else if (Unsafe.SizeOf<T>() == 4)
            Select32(cond, MemoryMarshal.Cast<T, int>(x), MemoryMarshal.Cast<T, int>(y), MemoryMarshal.Cast<T, int>(dst));
        else
            throw new ChalkInternalException($"select on {typeof(T).Name}");
    }

    private static void Select64(ReadOnlySpan<ulong> cond, ReadOnlySpan<long> x, ReadOnlySpan<long> y, Span<long> dst)
    {
        int n = dst.Length;
        if (x.Length < n || y.Length < n) throw new ArgumentException("input shorter than output", nameof(x));
        ref long rx = ref MemoryMarshal.GetReference(x);
        ref long ry = ref MemoryMarshal.GetReference(y);
        ref long rd = ref MemoryMarshal.GetReference(dst);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            var lanes = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);
            for (; i + 8 <= len; i += 8)
            {
                long w = (long)(cond[(int)(i >> 6)] >> (int)(i & 63));
                var mask = Vector512.Equals(Vector512.Create(w) & lanes, lanes);
                Vector512.ConditionalSelect(mask, Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(1L, 2, 4, 8);
            for (; i + 4 <= len; i += 4)
            {
                long w = (long)(cond[(int)(i >> 6)] >> (int)(i & 63));
                var mask = Vector256.Equals(Vector256.Create(w) & lanes, lanes);
                Vector256.ConditionalSelect(mask, Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var lanes = Vector128.Create(1L, 2);
            for (; i + 2 <= len; i += 2)
            {
                long w = (long)(cond[(int)(i >> 6)] >> (int)(i & 63));
                var mask = Vector128.Equals(Vector128.Create(w) & lanes, lanes);
                Vector128.ConditionalSelect(mask, Vector128.LoadUnsafe(ref rx, i), Vector128.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
            }
        }
        for (; i < len; i++)
            Unsafe.Add(ref rd, i) = ((cond[(int)(i >> 6)] >> (int)(i & 63)) & 1) != 0 ? Unsafe.Add(ref rx, i) : Unsafe.Add(ref ry, i);
    }

    private static void Select32(ReadOnlySpan<ulong> cond, ReadOnlySpan<int> x, ReadOnlySpan<int> y, Span<int> dst)
    {
        int n = dst.Length;
        if (x.Length < n || y.Length < n) throw new ArgumentException("input shorter than output", nameof(x));
        ref int rx = ref MemoryMarshal.GetReference(x);
        ref int ry = ref MemoryMarshal.GetReference(y);
        ref int rd = ref MemoryMarshal.GetReference(dst);
        nuint i = 0;
        nuint len = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            var lanes = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
            for (; i + 16 <= len; i += 16)
            {
                int w = (int)(cond[(int)(i >> 6)] >> (int)(i & 63));
                var mask = Vector512.Equals(Vector512.Create(w) & lanes, lanes);
                Vector512.ConditionalSelect(mask, Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
            for (; i + 8 <= len; i += 8)
            {
                int w = (int)(cond[(int)(i >> 6)] >> (int)(i & 63));
                var mask = Vector256.Equals(Vector256.Create(w) & lanes, lanes);
                Vector256.ConditionalSelect(mask, Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            var lanes = Vector128.Create(1, 2, 4, 8);
            for (; i + 4 <= len; i += 4)
            {
                int w = (int)(cond[(int)(i >> 6)] >> (int)(i & 63));
                var mask = Vector128.Equals(Vector128.Create(w) & lanes, lanes);
                Vector128.ConditionalSelect(mask, Vector128.LoadUnsafe(ref rx, i), Vector128.LoadUnsafe(ref ry, i)).StoreUnsafe(ref rd, i);
            }
        }
        for (; i < len; i++)
            Unsafe.Add(ref rd, i) = ((cond[(int)(i >> 6)] >> (int)(i & 63)) & 1) != 0 ? Unsafe.Add(ref rx, i) : Unsafe.Add(ref ry, i);
    }
}
