using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Execution.Arrow;

/// <summary>Builds a feature column by picking source rows per output row (<c>-1</c> = null), converting to the feature's type.</summary>
/// <remarks>Same-typed columns are copied value by value without boxing; conversions go through the boxed path.</remarks>
internal static class ArrowGather
{
    /// <summary><paramref name="source"/> itself when it already has the feature type's Arrow type, else every row converted.</summary>
    public static IArrowArray AsFeature(IArrowArray source, FeatureType type)
    {
        if (SameArrowType(source.Data.DataType, type.ArrowType)) return source;
        var rows = new int[source.Length];
        for (int r = 0; r < rows.Length; r++) rows[r] = r;
        return Gather(source, rows, type);
    }

    /// <summary>Whether arrays of these two types hold the same values the same way (a timestamp's unit and zone included).</summary>
    public static bool SameArrowType(IArrowType a, IArrowType b) => (a, b) switch
    {
        (TimestampType x, TimestampType y) => x.Unit == y.Unit && x.Timezone == y.Timezone,
        (FixedWidthType or StringType or BooleanType, _) => a.TypeId == b.TypeId,
        _ => false,
    };

    public static IArrowArray Gather(IArrowArray source, ReadOnlySpan<int> rows, FeatureType type)
    {
        switch (source, type.Kind)
        {
            case (DoubleArray d, ScalarKind.Float64): return Primitive(d, rows, new DoubleArray.Builder());
            case (Int64Array l, ScalarKind.Int64): return Primitive(l, rows, new Int64Array.Builder());
            case (Int32Array i, ScalarKind.Int32): return Primitive(i, rows, new Int32Array.Builder());
            case (FloatArray f, ScalarKind.Float32): return Primitive(f, rows, new FloatArray.Builder());
            case (Int32Array i, ScalarKind.Int64): return Widen(i, rows);
            case (BooleanArray b, ScalarKind.Bool): return Booleans(b, rows);
            case (StringArray s, ScalarKind.String): return Strings(s, rows);
            case (TimestampArray t, ScalarKind.DateTime or ScalarKind.DateTimeOffset)
                when ((TimestampType)t.Data.DataType).Unit == TimeUnit.Microsecond:
                return Timestamps(t, rows, (TimestampType)type.ArrowType);
        }
        var builder = ArrowColumnBuilder.For(type.ArrowType, rows.Length);
        foreach (var r in rows) builder.Append(r < 0 ? null : FeatureValues.Get(source, r, type.Kind));
        return builder.Build();
    }

    private static IArrowArray Primitive<T, TArray, TBuilder>(PrimitiveArray<T> source, ReadOnlySpan<int> rows, PrimitiveArrayBuilder<T, TArray, TBuilder> builder)
        where T : struct, IEquatable<T>
        where TArray : IArrowArray
        where TBuilder : class, IArrowArrayBuilder<TArray>
    {
        builder.Reserve(rows.Length);
        var values = source.Values;
        foreach (var r in rows)
        {
            if (r < 0 || source.IsNull(r)) builder.AppendNull();
            else builder.Append(values[r]);
        }
        return builder.Build(ManagedArrowAllocator.Instance);
    }

    private static IArrowArray Widen(Int32Array source, ReadOnlySpan<int> rows)
    {
        var b = new Int64Array.Builder().Reserve(rows.Length);
        var values = source.Values;
        foreach (var r in rows)
        {
            if (r < 0 || source.IsNull(r)) b.AppendNull();
            else b.Append(values[r]);
        }
        return b.Build(ManagedArrowAllocator.Instance);
    }

    private static IArrowArray Booleans(BooleanArray source, ReadOnlySpan<int> rows)
    {
        var b = new BooleanArray.Builder().Reserve(rows.Length);
        foreach (var r in rows)
        {
            if (r < 0 || source.IsNull(r)) b.AppendNull();
            else b.Append(source.GetValue(r)!.Value);
        }
        return b.Build(ManagedArrowAllocator.Instance);
    }

    private static IArrowArray Strings(StringArray source, ReadOnlySpan<int> rows)
    {
        var b = new StringArray.Builder();
        foreach (var r in rows)
        {
            if (r < 0 || source.IsNull(r)) b.AppendNull();
            else b.Append(source.GetBytes(r));
        }
        return b.Build(ManagedArrowAllocator.Instance);
    }

    // Microsecond timestamps keep their raw values; only the zone annotation follows the feature's type.
    private static IArrowArray Timestamps(TimestampArray source, ReadOnlySpan<int> rows, TimestampType target)
    {
        var values = new ArrowBuffer.Builder<long>(rows.Length);
        var validity = new ArrowBuffer.BitmapBuilder(rows.Length);
        int nulls = 0;
        var raw = source.Values;
        foreach (var r in rows)
        {
            bool valid = r >= 0 && source.IsValid(r);
            values.Append(valid ? raw[r] : 0);
            validity.Append(valid);
            if (!valid) nulls++;
        }
        return new TimestampArray(target, values.Build(ManagedArrowAllocator.Instance), validity.Build(ManagedArrowAllocator.Instance), rows.Length, nulls, 0);
    }
}
