using System.Runtime.InteropServices;
using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Aggregation;

/// <summary>One aggregate's result per parent row being assembled: nulls, row errors, and the final Arrow array.</summary>
/// <remarks>Parents are finished in ascending order, so the error list comes out sorted by row as <see cref="RowError"/> lists are elsewhere.</remarks>
internal sealed class ParentOutput
{
    private readonly int _parents;
    private byte[]? _validity;
    private int _nulls;

    public ParentOutput(int parents) => _parents = parents;

    public List<RowError> Errors { get; } = [];

    /// <summary>Marks a parent's result null.</summary>
    public void SetNull(int parent)
    {
        if (IsNull(parent)) return;
        if (_validity is null)
        {
            _validity = new byte[ChunkValue.Words(_parents) * sizeof(ulong)];
            Bitmaps.SetAll(MemoryMarshal.Cast<byte, ulong>(_validity.AsSpan()), _parents);
        }
        _validity[parent >> 3] &= (byte)~(1 << (parent & 7));
        _nulls++;
    }

    /// <summary>Fails a parent: its value is null and the error carries the message LINQ's exception would have.</summary>
    public void Fail(int parent, string message)
    {
        SetNull(parent);
        Errors.Add(new RowError(parent, message));
    }

    /// <summary>Wraps computed fixed-width values (one per parent; entries of null parents are ignored).</summary>
    public IArrowArray Build<T>(ExprType type, T[] values) where T : unmanaged
        => ArrowArrays.Create(type, _parents, _nulls, _validity, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>Wraps computed bools given as bits, one per parent.</summary>
    public IArrowArray BuildBool(ulong[] bits) => ArrowArrays.Create(ExprType.Bool, _parents, _nulls, _validity, MemoryMarshal.AsBytes(bits.AsSpan()).ToArray());

    /// <summary>
    /// Copies each parent's chosen child value (<paramref name="chosen"/>[p], or -1 for none) from <paramref name="source"/>:
    /// the result of Min/Max/MinBy/MaxBy/First/Last, where the answer is one child row's value.
    /// </summary>
    public IArrowArray Gather(ChildColumn source, int[] chosen)
    {
        for (int p = 0; p < _parents; p++)
        {
            if (chosen[p] < 0 || !source.IsValid(chosen[p])) SetNull(p);
        }
        switch (source.Type)
        {
            case ExprType.Bool:
            {
                var values = (BooleanArray)source.Array;
                var bits = new ulong[ChunkValue.Words(_parents)];
                for (int p = 0; p < _parents; p++)
                {
                    if (chosen[p] >= 0 && values.GetValue(chosen[p]) == true) bits[p >> 6] |= 1UL << p;
                }
                return BuildBool(bits);
            }
            case ExprType.Utf8:
            {
                var values = (StringArray)source.Array;
                var offsets = new int[_parents + 1];
                int bytes = 0;
                for (int p = 0; p < _parents; p++)
                {
                    if (chosen[p] >= 0) bytes += values.GetBytes(chosen[p]).Length;
                    offsets[p + 1] = bytes;
                }
                var data = new byte[bytes];
                for (int p = 0; p < _parents; p++)
                {
                    if (chosen[p] >= 0) values.GetBytes(chosen[p]).CopyTo(data.AsSpan(offsets[p]));
                }
                return ArrowArrays.Create(ExprType.Utf8, _parents, _nulls, _validity, MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray(), data);
            }
            case ExprType.Int32: return Build(source.Type, GatherValues<int>(source, chosen));
            case ExprType.Float32: return Build(source.Type, GatherValues<float>(source, chosen));
            case ExprType.Float64: return Build(source.Type, GatherValues<double>(source, chosen));
            default: return Build(source.Type, GatherValues<long>(source, chosen));
        }
    }

    private bool IsNull(int parent) => _validity is not null && (_validity[parent >> 3] & (1 << (parent & 7))) == 0;

    private T[] GatherValues<T>(ChildColumn source, int[] chosen) where T : unmanaged
    {
        var values = source.Keys<T>();
        var result = new T[_parents];
        for (int p = 0; p < _parents; p++)
        {
            if (chosen[p] >= 0) result[p] = values[chosen[p]];
        }
        return result;
    }
}
