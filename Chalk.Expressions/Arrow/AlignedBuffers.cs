namespace Chalk.Expressions;

/// <summary>Uninitialized GC-owned byte buffers whose usable part starts on a 64-byte boundary.</summary>
/// <remarks>
/// Alignment is a speed matter only (no kernel uses aligned loads or stores): a small unpinned array the GC compacts
/// may lose it; a large one lives on the large-object heap, which the GC does not move.
/// </remarks>
internal static class AlignedBuffers
{
    /// <summary>Vector stores that straddle cache lines cost more, and Arrow recommends 64-byte aligned buffers.</summary>
    public const int Alignment = 64;

    /// <summary>An array with room for <paramref name="bytes"/> bytes after its alignment padding (see <see cref="Aligned"/>).</summary>
    public static byte[] AllocateArray(int bytes) => GC.AllocateUninitializedArray<byte>(bytes + Alignment);

    /// <summary>A pinned (never moved) scratch buffer for chunk intermediates, which an evaluation state keeps for reuse.</summary>
    public static Memory<byte> AllocatePinned(int bytes) => Aligned(GC.AllocateUninitializedArray<byte>(bytes + Alignment, pinned: true), bytes);

    /// <summary>The first <paramref name="bytes"/> bytes of <paramref name="array"/> from its first 64-byte boundary.</summary>
    public static unsafe Memory<byte> Aligned(byte[] array, int bytes)
    {
        fixed (byte* p = array)
        {
            return array.AsMemory((int)((Alignment - ((nuint)p & (Alignment - 1))) & (Alignment - 1)), bytes);
        }
    }
}
