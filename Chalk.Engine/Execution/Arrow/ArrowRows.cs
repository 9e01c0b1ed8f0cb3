using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;

namespace Chalk.Execution.Arrow;

/// <summary>Picks rows of any column a frame holds (feature columns, error-message columns, null-typed columns) keeping its type.</summary>
internal static class ArrowRows
{
    /// <summary>The picked <paramref name="rows"/> of <paramref name="source"/>; <c>-1</c> gives null.</summary>
    public static IArrowArray Take(IArrowArray source, ReadOnlySpan<int> rows)
    {
        if (source is NullArray) return new NullArray(rows.Length);
        var type = TypeOf(source.Data.DataType)
            ?? throw new ChalkInternalException($"a frame column has the Arrow type {source.Data.DataType.Name}, which holds no feature");
        return ArrowTake.Take(source, rows, type);
    }

    /// <summary>The row that holds each of <paramref name="count"/> rows in a subset of them (<c>-1</c> for rows outside it).</summary>
    public static int[] Inverse(int[] subset, int count)
    {
        var position = new int[count];
        System.Array.Fill(position, -1);
        for (int i = 0; i < subset.Length; i++) position[subset[i]] = i;
        return position;
    }

    private static FeatureType? TypeOf(IArrowType type) => type switch
    {
        BooleanType => new FeatureType(ScalarKind.Bool, true),
        Int32Type => new FeatureType(ScalarKind.Int32, true),
        Int64Type => new FeatureType(ScalarKind.Int64, true),
        FloatType => new FeatureType(ScalarKind.Float32, true),
        DoubleType => new FeatureType(ScalarKind.Float64, true),
        StringType => new FeatureType(ScalarKind.String, true),
        TimestampType { Timezone.Length: > 0 } => new FeatureType(ScalarKind.DateTimeOffset, true),
        TimestampType => new FeatureType(ScalarKind.DateTime, true),
        _ => null,
    };
}
