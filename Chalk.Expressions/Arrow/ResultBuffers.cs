using System.Buffers;
using System.Reflection;
using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>
/// The value buffers of results handed to callers: GC-owned arrays that go back to <see cref="ArrayPool{T}"/> only
/// when the caller disposes the result, so a caller that disposes writes its next result into memory that is already
/// paged in, and a caller that does not (most) loses nothing but that reuse.
/// </summary>
/// <remarks>
/// <para>
/// Only an explicit dispose may recycle a buffer. Apache.Arrow 23 wraps an owned buffer in a handle whose finalizer
/// releases it once the Arrow array is unreachable, but memory can outlive the array: a <c>Memory</c> or span taken
/// from it, or a value loop the JIT no longer needs the array for. A buffer recycled then is overwritten under its
/// reader, so that finalizer is suppressed and an undisposed result is simply collected with everything else.
/// </para>
/// <para>
/// Arrow keeps <c>ArrowBuffer(IMemoryOwner&lt;byte&gt;)</c> and the handle field internal; both are bound once by
/// reflection. Without them (another Arrow version) every result buffer is a plain GC array and disposal is a no-op.
/// </para>
/// </remarks>
internal static class ResultBuffers
{
    /// <summary>Smaller results are cheap gen-0 arrays; pooling them would only tie arrays to the pool.</summary>
    private const int MinimumPooledBytes = 1 << 16;

    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;

    private static readonly ConstructorInfo? s_ownerConstructor = typeof(ArrowBuffer).GetConstructor(Instance, [typeof(IMemoryOwner<byte>)]);

    private static readonly FieldInfo? s_handleField = typeof(ArrowBuffer).GetField("_handle", Instance);

    /// <summary>Whether a disposed result's buffers go back to the pool (the Arrow internals this needs were found).</summary>
    public static bool RecycleOnDispose { get; } = s_ownerConstructor is not null && s_handleField is not null;

    /// <summary>A buffer of <paramref name="bytes"/> bytes starting on a 64-byte boundary; <paramref name="array"/> is what to hand to <see cref="Wrap"/> or <see cref="Return"/>.</summary>
    public static Memory<byte> Rent(int bytes, out byte[] array)
    {
        array = RecycleOnDispose && bytes >= MinimumPooledBytes
            ? ArrayPool<byte>.Shared.Rent(bytes + AlignedBuffers.Alignment)
            : AlignedBuffers.AllocateArray(bytes);
        return AlignedBuffers.Aligned(array, bytes);
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/> that was never wrapped (e.g. outgrown); other arrays are left to the GC.</summary>
    public static void Return(byte[] array)
    {
        if (IsPooled(array)) ArrayPool<byte>.Shared.Return(array);
    }

    /// <summary>Wraps a buffer from <see cref="Rent"/> for an Arrow array; disposing that array (once or more) returns it to the pool once.</summary>
    public static ArrowBuffer Wrap(byte[] array, Memory<byte> memory)
    {
        if (!IsPooled(array)) return new ArrowBuffer(memory);
        object buffer = s_ownerConstructor!.Invoke([new Owner(array, memory)]);
        if (s_handleField!.GetValue(buffer) is not { } handle) return new ArrowBuffer(memory);
        GC.SuppressFinalize(handle);
        return (ArrowBuffer)buffer;
    }

    private static bool IsPooled(byte[] array) => RecycleOnDispose && array.Length >= MinimumPooledBytes + AlignedBuffers.Alignment;

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
