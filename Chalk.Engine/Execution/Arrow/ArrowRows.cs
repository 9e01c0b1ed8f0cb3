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

    /// <summary>The picked <paramref name="rows"/> of every column of <paramref name="batch"/>, names kept.</summary>
    public static RecordBatch Take(RecordBatch batch, ReadOnlySpan<int> rows)
    {
        var arrays = new IArrowArray[batch.ColumnCount];
        var fields = new Field[batch.ColumnCount];
        for (int i = 0; i < arrays.Length; i++)
        {
            arrays[i] = Take(batch.Column(i), rows);
            fields[i] = new Field(batch.Schema.GetFieldByIndex(i).Name, arrays[i].Data.DataType, true);
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows.Length);
    }

    /// <summary>Per row, itself where <paramref name="gate"/> is non-null and -1 where it is null; null when no row is null.</summary>
    public static int[]? WhereValid(IArrowArray gate)
    {
        if (gate.NullCount == 0) return null;
        var pick = new int[gate.Length];
        for (int r = 0; r < pick.Length; r++) pick[r] = gate.IsValid(r) ? r : -1;
        return pick;
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
