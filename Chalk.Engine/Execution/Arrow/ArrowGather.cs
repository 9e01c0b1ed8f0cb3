using Apache.Arrow;
using Chalk.Definitions;

namespace Chalk.Execution.Arrow;

/// <summary>Builds a feature column by picking source rows per output row (<c>-1</c> = null), converting to the feature's type.</summary>
internal static class ArrowGather
{
    public static IArrowArray Gather(IArrowArray source, ReadOnlySpan<int> rows, FeatureType type)
    {
        if (source is DoubleArray d && type.Kind == ScalarKind.Float64) return GatherDouble(d, rows);
        if (source is Int64Array l && type.Kind == ScalarKind.Int64) return GatherInt64(l, rows);
        var builder = new FeatureColumnBuilder(type, rows.Length);
        foreach (var r in rows) builder.Append(r < 0 ? null : FeatureValues.Get(source, r, type.Kind));
        return builder.Build();
    }

    private static IArrowArray GatherDouble(DoubleArray source, ReadOnlySpan<int> rows)
    {
        var b = new DoubleArray.Builder().Reserve(rows.Length);
        var values = source.Values;
        foreach (var r in rows)
        {
            if (r < 0 || source.IsNull(r)) b.AppendNull();
            else b.Append(values[r]);
        }
        return b.Build();
    }

    private static IArrowArray GatherInt64(Int64Array source, ReadOnlySpan<int> rows)
    {
        var b = new Int64Array.Builder().Reserve(rows.Length);
        var values = source.Values;
        foreach (var r in rows)
        {
            if (r < 0 || source.IsNull(r)) b.AppendNull();
            else b.Append(values[r]);
        }
        return b.Build();
    }
}
