using System.Buffers;

namespace Chalk.Expressions.Kernels;

/// <summary>One utf8 operand pinned for a chunk: an array's offsets, bytes and validity, or a scalar's bytes.</summary>
/// <remarks>Shared by <see cref="ConcatKernel"/> and <see cref="Utf8Choice"/>, which both write rows piece by piece.</remarks>
internal unsafe struct Utf8Piece
{
    public int* Offsets;
    public byte* Data;
    public byte* DataLimit;
    public ulong* Validity;
    public int ScalarLength;
    public bool IsScalar;

    /// <summary>Pins <paramref name="x"/>; the caller disposes the (up to three) <paramref name="handles"/> when done.</summary>
    public static Utf8Piece Pin(ChunkValue x, Span<MemoryHandle> handles)
    {
        if (x.IsScalar)
        {
            // Padded so a short scalar is also one vector copy; a null scalar is empty.
            var bytes = x.Utf8At(0);
            var padded = new byte[bytes.Length + ShortCopy.Slack];
            bytes.CopyTo(padded);
            handles[0] = padded.AsMemory().Pin();
            return new Utf8Piece { IsScalar = true, Data = (byte*)handles[0].Pointer, DataLimit = (byte*)handles[0].Pointer + padded.Length, ScalarLength = bytes.Length };
        }
        handles[0] = x.OffsetBytes.Pin();
        handles[1] = x.StringData.Pin();
        if (x.Validity is not null) handles[2] = x.Validity.AsMemory().Pin();
        return new Utf8Piece
        {
            Offsets = (int*)handles[0].Pointer,
            Data = (byte*)handles[1].Pointer,
            DataLimit = (byte*)handles[1].Pointer + x.StringData.Length,
            Validity = (ulong*)handles[2].Pointer,
        };
    }
}
