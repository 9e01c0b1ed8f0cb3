using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Execution.Arrow;

/// <summary>A source array's null bitmap, read directly: its bits start at the array's offset (the values span does not).</summary>
internal readonly ref struct SourceValidity
{
    private readonly ReadOnlySpan<byte> _bits;
    private readonly int _offset;
    private readonly bool _all;

    private SourceValidity(ReadOnlySpan<byte> bits, int offset, bool all)
    {
        _bits = bits;
        _offset = offset;
        _all = all;
    }

    public static SourceValidity Of(IArrowArray array)
        => array.NullCount == 0 ? new([], 0, true) : new(array.Data.Buffers[0].Span, array.Data.Offset, array.Data.Buffers[0].IsEmpty);

    public bool IsValid(int row)
    {
        if (_all) return true;
        int bit = _offset + row;
        return (_bits[bit >> 3] & (1 << (bit & 7))) != 0;
    }
}

/// <summary>An output's null bitmap, counted as it is written (a row set twice counts once).</summary>
internal sealed class ValidityWriter
{
    private readonly byte[] _bits;
    private int _set;

    public ValidityWriter(int rows) => _bits = new byte[(rows + 7) / 8];

    public void Set(int row)
    {
        byte mask = (byte)(1 << (row & 7));
        ref byte b = ref _bits[row >> 3];
        if ((b & mask) != 0) return;
        b |= mask;
        _set++;
    }

    /// <summary>The array of <paramref name="rows"/> rows: this bitmap, then <paramref name="buffers"/>.</summary>
    public IArrowArray Build(IArrowType type, int rows, ArrowBuffer[] buffers)
        => ArrowArrayFactory.BuildArray(new ArrayData(type, rows, rows - _set, 0, [new ArrowBuffer(_bits), .. buffers]));
}
