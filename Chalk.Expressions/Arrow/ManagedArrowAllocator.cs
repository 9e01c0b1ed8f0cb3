using System.Buffers;
using Apache.Arrow.Memory;

namespace Chalk.Expressions;

/// <summary>An Arrow allocator of ordinary GC arrays, for the columns the engine builds.</summary>
/// <remarks>
/// Arrow's default allocator takes native memory that only a dispose or a finalizer frees. Query results are rarely
/// disposed, so on a busy online path the finalizer thread freed buffers while the GC, seeing little managed memory,
/// ran late and induced collections. A builder keeps its values in managed arrays until <c>Build</c> copies them into
/// the allocator's memory, so GC-owned memory there costs one array and nothing to free. Stateless, hence one instance.
/// </remarks>
internal sealed class ManagedArrowAllocator : MemoryAllocator
{
    public static ManagedArrowAllocator Instance { get; } = new();

    private ManagedArrowAllocator() { }

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        bytesAllocated = length;
        return new Owner(new byte[length]);
    }

    private sealed class Owner(byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => array;

        public void Dispose() { }
    }
}
