using System.Numerics;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;

namespace Chalk.Execution.Arrow;

/// <summary>Builds a feature column from result batches that each say, per row, which output row it fills: rows no batch fills are null.</summary>
/// <remarks>
/// <para>
/// A pushed-down statement returns one row per key row, in whatever order DuckDB produced, spread over ~2,048-row
/// batches. Writing each batch's values straight to their output rows as the batch arrives lets the batch be released
/// at once, so DuckDB reuses its (warm) memory for the next one; holding every batch to the end cost a page fault per
/// fresh page, ≈0.3–0.5 s at a million rows × 17 columns. Same-typed fixed-width columns (and int to long) take that
/// path; an all-null part is skipped; other columns keep their parts (<see cref="Add"/> returns false) and are
/// concatenated and gathered in <see cref="Build"/>.
/// </para>
/// <para>Not thread-safe: one writer per column, fed its parts in order.</para>
/// </remarks>
internal sealed class ArrowScatter
{
    private readonly int _rows;
    private readonly FeatureType _type;
    private Type? _partType;
    private Writer? _writer;
    private List<(IArrowArray Part, Int32Array Targets)>? _kept;

    /// <param name="rows">The output length.</param>
    /// <param name="type">The feature type of the output.</param>
    public ArrowScatter(int rows, FeatureType type)
    {
        _rows = rows;
        _type = type;
    }

    /// <summary>Adds one batch's column.</summary>
    /// <param name="part">The column's array in the batch.</param>
    /// <param name="targets">The batch's output row per row (<c>0 .. rows - 1</c>, each at most once over all parts).</param>
    /// <returns>False when the part was kept to be gathered by <see cref="Build"/>, so it must stay alive until then.</returns>
    public bool Add(IArrowArray part, Int32Array targets)
    {
        if (targets.Length != part.Length) throw new ChalkInternalException($"a result batch has {targets.Length} row targets for {part.Length} values");
        if (part.NullCount == part.Length) return true;
        if (_partType is null)
        {
            _partType = part.GetType();
            _writer = Writer.For(part, _type, _rows);
        }
        else if (_partType != part.GetType())
            throw new ChalkInternalException($"result batches disagree on a column's type: {part.Data.DataType.Name} after {_partType.Name}");
        if (_writer is not null)
        {
            _writer.Write(part, targets.Values);
            return true;
        }
        (_kept ??= []).Add((part, targets));
        return false;
    }

    /// <summary>The output column, or null when no part had a value.</summary>
    public IArrowArray? Build()
    {
        if (_writer is not null) return _writer.Build(_type.ArrowType);
        if (_kept is null) return null;
        var parts = _kept.Select(k => k.Part).ToList();
        return ArrowTake.Take(parts.Count == 1 ? parts[0] : ArrowArrayConcatenator.Concatenate(parts), Picks(_kept, _rows), _type);
    }

    /// <summary>The column of <paramref name="rows"/> output rows from all its parts at once.</summary>
    /// <param name="parts">The column's array in each batch.</param>
    /// <param name="targets">Each batch's output row per row.</param>
    /// <param name="rows">The output length.</param>
    /// <param name="type">The feature type of the output.</param>
    public static IArrowArray Scatter(IReadOnlyList<IArrowArray> parts, IReadOnlyList<Int32Array> targets, int rows, FeatureType type)
    {
        if (parts.Count != targets.Count) throw new ArgumentException($"{parts.Count} parts for {targets.Count} target arrays", nameof(targets));
        var scatter = new ArrowScatter(rows, type);
        for (int p = 0; p < parts.Count; p++) scatter.Add(parts[p], targets[p]);
        return scatter.Build() ?? AllNull(type, rows);
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
            _ => ArrowTake.Take(new NullArray(0), Enumerable.Repeat(-1, rows).ToArray(), type),
        };
    }

    private static int[] Picks(List<(IArrowArray Part, Int32Array Targets)> kept, int rows)
    {
        var pick = new int[rows];
        System.Array.Fill(pick, -1);
        int offset = 0;
        foreach (var (_, t) in kept)
        {
            var to = t.Values;
            for (int i = 0; i < to.Length; i++)
            {
                if ((uint)to[i] >= (uint)rows) throw new ChalkInternalException($"result row {i} targets output row {to[i]} of {rows}");
                pick[to[i]] = offset + i;
            }
            offset += to.Length;
        }
        return pick;
    }

    /// <summary>Writes a fixed-width source type's values into one output buffer.</summary>
    private abstract class Writer
    {
        public static Writer? For(IArrowArray part, FeatureType type, int rows) => (part, type.Kind) switch
        {
            (DoubleArray, ScalarKind.Float64) => new Fixed<double, double>(rows),
            (Int64Array, ScalarKind.Int64) => new Fixed<long, long>(rows),
            (Int32Array, ScalarKind.Int32) => new Fixed<int, int>(rows),
            (Int32Array, ScalarKind.Int64) => new Fixed<int, long>(rows),
            (FloatArray, ScalarKind.Float32) => new Fixed<float, float>(rows),
            (TimestampArray t, ScalarKind.DateTime or ScalarKind.DateTimeOffset) when ((TimestampType)t.Data.DataType).Unit == TimeUnit.Microsecond
                => new Fixed<long, long>(rows),
            _ => null,
        };

        public abstract void Write(IArrowArray part, ReadOnlySpan<int> targets);

        public abstract IArrowArray Build(IArrowType type);
    }

    private sealed class Fixed<TSource, TTarget>(int rows) : Writer
        where TSource : unmanaged, INumberBase<TSource>
        where TTarget : unmanaged, INumberBase<TTarget>
    {
        private readonly byte[] _values = new byte[checked(rows * System.Runtime.CompilerServices.Unsafe.SizeOf<TTarget>())];
        private readonly ValidityWriter _validity = new(rows);

        public override void Write(IArrowArray part, ReadOnlySpan<int> targets)
        {
            var source = ((PrimitiveArray<TSource>)part).Values;
            var sourceValidity = SourceValidity.Of(part);
            var output = MemoryMarshal.Cast<byte, TTarget>(_values.AsSpan());
            for (int i = 0; i < source.Length; i++)
            {
                if (!sourceValidity.IsValid(i)) continue;
                int t = targets[i];
                if ((uint)t >= (uint)output.Length) throw new ChalkInternalException($"result row {i} targets output row {t} of {output.Length}");
                output[t] = TTarget.CreateTruncating(source[i]);
                _validity.Set(t);
            }
        }

        public override IArrowArray Build(IArrowType type) => _validity.Build(type, rows, [new ArrowBuffer(_values)]);
    }
}
