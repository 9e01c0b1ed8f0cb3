using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;

namespace Chalk.Execution.Arrow;

/// <summary>The one way the engine picks rows of a column into a feature column: the rows a fetch, a lookup, a gate or
/// a scatter keeps, converted to the feature's type.</summary>
/// <remarks>
/// Same-typed fixed-width columns (and int to long), microsecond timestamps, strings and bools are copied from the
/// source's typed buffers; every other pair goes through the boxed values (<see cref="ArrowGather.Boxed"/>), which the
/// copies equal value for value, null for null, with the same Arrow type (tested against it). A has-many fetch picks
/// every column once per child row, so at a million rows a builder's per-value work was most of the node's time.
/// </remarks>
internal static class ArrowTake
{
    /// <summary>The column of the picked <paramref name="rows"/> of <paramref name="source"/> (<c>-1</c> = null), converted to the feature's type.</summary>
    public static IArrowArray Take(IArrowArray source, ReadOnlySpan<int> rows, FeatureType type)
    {
        switch (source, type.Kind)
        {
            case (DoubleArray, ScalarKind.Float64): return Fixed<double, double>(source, rows, type.ArrowType);
            case (Int64Array, ScalarKind.Int64): return Fixed<long, long>(source, rows, type.ArrowType);
            case (Int32Array, ScalarKind.Int32): return Fixed<int, int>(source, rows, type.ArrowType);
            case (FloatArray, ScalarKind.Float32): return Fixed<float, float>(source, rows, type.ArrowType);
            case (Int32Array, ScalarKind.Int64): return Fixed<int, long>(source, rows, type.ArrowType);
            case (TimestampArray t, ScalarKind.DateTime or ScalarKind.DateTimeOffset)
                when ((TimestampType)t.Data.DataType).Unit == TimeUnit.Microsecond:
                // Microsecond timestamps keep their raw values; only the zone annotation follows the feature's type.
                return Fixed<long, long>(source, rows, type.ArrowType);
            case (StringArray s, ScalarKind.String): return Strings(s, rows, type.ArrowType);
            case (BooleanArray b, ScalarKind.Bool): return Booleans(b, rows, type.ArrowType);
        }
        return ArrowGather.Boxed(source, rows, type);
    }

    private static IArrowArray Fixed<TSource, TTarget>(IArrowArray array, ReadOnlySpan<int> rows, IArrowType type)
        where TSource : unmanaged, INumberBase<TSource>
        where TTarget : unmanaged, INumberBase<TTarget>
    {
        var source = ((PrimitiveArray<TSource>)array).Values;
        var values = new byte[checked(rows.Length * Unsafe.SizeOf<TTarget>())];
        var output = MemoryMarshal.Cast<byte, TTarget>(values.AsSpan());
        var validity = new ValidityWriter(rows.Length);
        var sourceValidity = SourceValidity.Of(array);
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if (r < 0 || !sourceValidity.IsValid(r)) continue;
            output[i] = TTarget.CreateTruncating(source[r]);
            validity.Set(i);
        }
        return validity.Build(type, rows.Length, [new ArrowBuffer(values)]);
    }

    private static unsafe IArrowArray Strings(StringArray source, ReadOnlySpan<int> rows, IArrowType type)
    {
        var sourceOffsets = source.ValueOffsets;
        var sourceBytes = source.Values;
        var sourceValidity = SourceValidity.Of(source);
        var offsets = new byte[checked((rows.Length + 1) * sizeof(int))];
        var ends = MemoryMarshal.Cast<byte, int>(offsets.AsSpan());
        long total = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if (r >= 0 && sourceValidity.IsValid(r)) total += sourceOffsets[r + 1] - sourceOffsets[r];
        }
        // Slack past the end: short runs move as one 16-byte store that may write beyond them (ShortCopy).
        var bytes = new byte[checked((int)total + Chalk.Expressions.Kernels.ShortCopy.Slack)];
        var validity = new ValidityWriter(rows.Length);
        int end = 0;
        fixed (byte* src = sourceBytes)
        fixed (byte* dst = bytes)
        {
            byte* srcLimit = src + sourceBytes.Length;
            for (int i = 0; i < rows.Length; i++)
            {
                int r = rows[i];
                if (r >= 0 && sourceValidity.IsValid(r))
                {
                    int start = sourceOffsets[r], length = sourceOffsets[r + 1] - start;
                    Chalk.Expressions.Kernels.ShortCopy.Copy(src + start, srcLimit, dst + end, length);
                    end += length;
                    validity.Set(i);
                }
                ends[i + 1] = end;
            }
        }
        return validity.Build(type, rows.Length, [new ArrowBuffer(offsets), new ArrowBuffer(bytes)]);
    }

    private static IArrowArray Booleans(BooleanArray source, ReadOnlySpan<int> rows, IArrowType type)
    {
        var sourceBits = source.ValueBuffer.Span;
        var sourceValidity = SourceValidity.Of(source);
        var bits = new byte[(rows.Length + 7) / 8];
        var validity = new ValidityWriter(rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            if (r < 0 || !sourceValidity.IsValid(r)) continue;
            int bit = source.Offset + r;
            if ((sourceBits[bit >> 3] & (1 << (bit & 7))) != 0) bits[i >> 3] |= (byte)(1 << (i & 7));
            validity.Set(i);
        }
        return validity.Build(type, rows.Length, [new ArrowBuffer(bits)]);
    }
}
