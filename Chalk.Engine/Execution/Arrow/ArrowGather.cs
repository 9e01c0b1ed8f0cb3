using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Execution.Arrow;

/// <summary>A column as a feature's type: as it is when it already has it, else converted (see <see cref="ArrowTake"/>
/// for picking rows).</summary>
internal static class ArrowGather
{
    /// <summary><paramref name="source"/> itself when it already has the feature type's Arrow type, else every row converted.</summary>
    public static IArrowArray AsFeature(IArrowArray source, FeatureType type)
    {
        if (SameArrowType(source.Data.DataType, type.ArrowType)) return source;
        var rows = new int[source.Length];
        for (int r = 0; r < rows.Length; r++) rows[r] = r;
        return ArrowTake.Take(source, rows, type);
    }

    /// <summary>Whether arrays of these two types hold the same values the same way (a timestamp's unit and zone included).</summary>
    public static bool SameArrowType(IArrowType a, IArrowType b) => (a, b) switch
    {
        (TimestampType x, TimestampType y) => x.Unit == y.Unit && x.Timezone == y.Timezone,
        (FixedWidthType or StringType or BooleanType, _) => a.TypeId == b.TypeId,
        _ => false,
    };

    /// <summary>The column of the picked <paramref name="rows"/> (<c>-1</c> = null) converted to the feature's type
    /// value by value through its boxed value: every pair of types <see cref="ArrowTake"/> does not copy from its
    /// buffers, and the reference its copies are tested against.</summary>
    public static IArrowArray Boxed(IArrowArray source, ReadOnlySpan<int> rows, FeatureType type)
    {
        var builder = ArrowColumnBuilder.For(type.ArrowType, rows.Length);
        foreach (var r in rows) builder.Append(r < 0 ? null : FeatureValues.Get(source, r, type.Kind));
        return builder.Build();
    }
}
