using System.Numerics;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;

namespace Chalk.Execution.Arrow;

/// <summary>Builds a feature column from result batches that each say, per row, which output row it fills: rows no batch fills are null.</summary>
/// <remarks>
/// A pushed-down statement returns one row per key row, in whatever order DuckDB produced, spread over ~2,048-row
/// batches. Writing each batch's values straight to their output rows reads every value once; concatenating the batches
/// and then gathering them in input order read and built every column twice. Same-typed fixed-width columns (and int
/// to long) take that path; an all-null part is skipped; other pairs fall back to concatenate and gather.
/// </remarks>
internal static class ArrowScatter
{
    /// <summary>The column of <paramref name="rows"/> output rows.</summary>
    /// <param name="parts">The column's array in each batch.</param>
    /// <param name="targets">Each batch's output row per row (<c>0 .. rows - 1</c>, each at most once over all batches).</param>
    /// <param name="rows">The output length.</param>
    /// <param name="type">The feature type of the output.</param>
    public static IArrowArray Scatter(IReadOnlyList<IArrowArray> parts, IReadOnlyList<Int32Array> targets, int rows, FeatureType type)
    {
        if (parts.Count != targets.Count) throw new ArgumentException($"{parts.Count} parts for {targets.Count} target arrays", nameof(targets));
        var present = Enumerable.Range(0, parts.Count).Where(p => parts[p].NullCount < parts[p].Length).ToList();
        if (present.Count == 0) return AllNull(type, rows);
        if (present.Any(p => parts[p].GetType() != parts[present[0]].GetType()))
            throw new ChalkInternalException($"result batches disagree on a column's type: {string.Join(", ", present.Select(p => parts[p].Data.DataType.Name).Distinct())}");
        switch (parts[present[0]], type.Kind)
        {
            case (DoubleArray, ScalarKind.Float64): return Fixed<double, double>(parts, targets, present, rows, type.ArrowType);
            case (Int64Array, ScalarKind.Int64): return Fixed<long, long>(parts, targets, present, rows, type.ArrowType);
            case (Int32Array, ScalarKind.Int32): return Fixed<int, int>(parts, targets, present, rows, type.ArrowType);
            case (Int32Array, ScalarKind.Int64): return Fixed<int, long>(parts, targets, present, rows, type.ArrowType);
            case (FloatArray, ScalarKind.Float32): return Fixed<float, float>(parts, targets, present, rows, type.ArrowType);
            case (TimestampArray t, ScalarKind.DateTime or ScalarKind.DateTimeOffset) when ((TimestampType)t.Data.DataType).Unit == TimeUnit.Microsecond:
                return Fixed<long, long>(parts, targets, present, rows, type.ArrowType);
        }
        return ArrowGather.Gather(Concatenate(parts), Picks(targets, rows), type);
    }

    /// <summary>A column of <paramref name="rows"/> nulls of the feature's type.</summary>
    public static IArrowArray AllNull(FeatureType type, int rows)
    {
        var validity = new ArrowBuffer(new byte[(rows + 7) / 8]);
        return type.Kind switch
        {
            ScalarKind.String => ArrowArrayFactory.BuildArray(new ArrayData(type.ArrowType, rows, rows, 0,
                [validity, new ArrowBuffer(new byte[(rows + 1) * sizeof(int)]), ArrowBuffer.Empty])),
            ScalarKind.Bool => ArrowArrayFactory.BuildArray(new ArrayData(type.ArrowType, rows, rows, 0, [validity, new ArrowBuffer(new byte[(rows + 7) / 8])])),
            _ when type.ArrowType is FixedWidthType fixedWidth => ArrowArrayFactory.BuildArray(new ArrayData(type.ArrowType, rows, rows, 0,
                [validity, new ArrowBuffer(new byte[checked(rows * (fixedWidth.BitWidth / 8))])])),
            _ => ArrowGather.Gather(new NullArray(0), Enumerable.Repeat(-1, rows).ToArray(), type),
        };
    }

    private static IArrowArray Fixed<TSource, TTarget>(IReadOnlyList<IArrowArray> parts, IReadOnlyList<Int32Array> targets, List<int> present, int rows, IArrowType type)
        where TSource : unmanaged, INumberBase<TSource>
        where TTarget : unmanaged, INumberBase<TTarget>
    {
        var values = new byte[checked(rows * System.Runtime.CompilerServices.Unsafe.SizeOf<TTarget>())];
        var validity = new ValidityWriter(rows);
        var output = MemoryMarshal.Cast<byte, TTarget>(values.AsSpan());
        foreach (int p in present)
        {
            var part = (PrimitiveArray<TSource>)parts[p];
            var source = part.Values;
            var sourceValidity = SourceValidity.Of(part);
            var to = targets[p].Values;
            if (to.Length != source.Length) throw new ChalkInternalException($"result batch {p} has {to.Length} row targets for {source.Length} values");
            for (int i = 0; i < source.Length; i++)
            {
                if (!sourceValidity.IsValid(i)) continue;
                int t = to[i];
                if ((uint)t >= (uint)rows) throw new ChalkInternalException($"result row {i} of batch {p} targets output row {t} of {rows}");
                output[t] = TTarget.CreateTruncating(source[i]);
                validity.Set(t);
            }
        }
        return validity.Build(type, rows, [new ArrowBuffer(values)]);
    }

    private static IArrowArray Concatenate(IReadOnlyList<IArrowArray> parts)
        => parts.Count == 1 ? parts[0] : ArrowArrayConcatenator.Concatenate(parts.ToList());

    private static int[] Picks(IReadOnlyList<Int32Array> targets, int rows)
    {
        var pick = new int[rows];
        System.Array.Fill(pick, -1);
        int offset = 0;
        foreach (var t in targets)
        {
            var to = t.Values;
            for (int i = 0; i < to.Length; i++) pick[to[i]] = offset + i;
            offset += to.Length;
        }
        return pick;
    }
}
