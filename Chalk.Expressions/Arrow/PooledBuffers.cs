using System.Buffers;
using System.Reflection;
using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>
/// Output value buffers rented from <see cref="ArrayPool{T}"/> and returned when the Arrow array is disposed,
/// so steady-state evaluation writes into memory that is already paged in instead of fresh pages.
/// </summary>
/// <remarks>
/// Apache.Arrow 23 only exposes <c>ArrowBuffer(IMemoryOwner&lt;byte&gt;)</c> internally; it is bound once by
/// reflection, and if it is missing (another Arrow version) buffers are plain managed arrays. An array that
/// is never disposed is simply collected by the GC (the pool just does not get it back).
/// </remarks>
internal static class PooledBuffers
{
    private const int MinimumPooledBytes = 1 << 16;

    private static readonly ConstructorInfo? s_ownerConstructor = typeof(ArrowBuffer).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(IMemoryOwner<byte>)]);

    /// <summary>Vector stores that straddle cache lines cost more; output buffers start on a 64-byte boundary.</summary>
    private const int Alignment = 64;

    /// <summary>Rents a buffer of at least <paramref name="bytes"/> bytes starting at a 64-byte boundary (large arrays are on the LOH, which does not move them).</summary>
    public static Memory<byte> Rent(int bytes, out byte[] array)
    {
        array = s_ownerConstructor is not null && bytes >= MinimumPooledBytes
            ? ArrayPool<byte>.Shared.Rent(bytes + Alignment)
            : GC.AllocateUninitializedArray<byte>(bytes + Alignment, pinned: true);
        return array.AsMemory(AlignedOffset(array), bytes);
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/> that was never wrapped (e.g. outgrown); small ones are left to the GC.</summary>
    public static void Return(byte[] array)
    {
        if (s_ownerConstructor is not null && array.Length >= MinimumPooledBytes + Alignment) ArrayPool<byte>.Shared.Return(array);
    }

    /// <summary>A pinned (never moved), 64-byte aligned scratch buffer for chunk intermediates.</summary>
    public static Memory<byte> AllocatePinnedAligned(int bytes)
    {
        var array = GC.AllocateUninitializedArray<byte>(bytes + Alignment, pinned: true);
        return array.AsMemory(AlignedOffset(array), bytes);
    }

    private static unsafe int AlignedOffset(byte[] array)
    {
        fixed (byte* p = array)
        {
            return (int)((Alignment - ((nuint)p & (Alignment - 1))) & (Alignment - 1));
        }
    }

    /// <summary>Wraps a buffer from <see cref="Rent"/>; disposing the Arrow buffer returns the array to the pool.</summary>
    public static ArrowBuffer Wrap(byte[] array, Memory<byte> memory)
    {
        if (s_ownerConstructor is null || array.Length < MinimumPooledBytes + Alignment) return new ArrowBuffer(memory);
        return (ArrowBuffer)s_ownerConstructor.Invoke([new Owner(array, memory)]);
    }

    private sealed class Owner(byte[] array, Memory<byte> memory) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array is not null ? memory : throw new ObjectDisposedException(nameof(Owner));

        public void Dispose()
        {
            var a = Interlocked.Exchange(ref _array, null);
            if (a is not null) ArrayPool<byte>.Shared.Return(a);
        }
    }
}
