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

    public static byte[] Rent(int bytes) => s_ownerConstructor is not null && bytes >= MinimumPooledBytes
        ? ArrayPool<byte>.Shared.Rent(bytes)
        : GC.AllocateUninitializedArray<byte>(bytes);

    /// <summary>Wraps the first <paramref name="bytes"/> of a buffer from <see cref="Rent"/>; disposing the buffer returns it.</summary>
    public static ArrowBuffer Wrap(byte[] array, int bytes)
    {
        if (s_ownerConstructor is null || array.Length < MinimumPooledBytes) return new ArrowBuffer(array.AsMemory(0, bytes));
        return (ArrowBuffer)s_ownerConstructor.Invoke([new Owner(array, bytes)]);
    }

    private sealed class Owner(byte[] array, int length) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => _array is { } a ? a.AsMemory(0, length) : throw new ObjectDisposedException(nameof(Owner));

        public void Dispose()
        {
            var a = Interlocked.Exchange(ref _array, null);
            if (a is not null) ArrayPool<byte>.Shared.Return(a);
        }
    }
}
