using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;

namespace Chalk.Execution.Nodes;

/// <summary>The distinct key tuples of a batch's key columns, so each key is queried once however many rows share it.</summary>
internal sealed class KeyIndex
{
    private KeyIndex(int[] keyOfRow, List<int> firstRowOfKey)
    {
        KeyOfRow = keyOfRow;
        FirstRowOfKey = firstRowOfKey;
    }

    /// <summary>Per input row, its distinct-key index, or -1 when a key value is null (nothing to look up).</summary>
    public int[] KeyOfRow { get; }

    /// <summary>Per distinct key, the first input row that has it.</summary>
    public List<int> FirstRowOfKey { get; }

    public static KeyIndex Build(RecordBatch keys, IReadOnlyList<FeatureType> types)
    {
        var keyOfRow = new int[keys.Length];
        var first = new List<int>();
        if (keys.ColumnCount == 1 && keys.Column(0) is Int64Array longs)
        {
            var map = new Dictionary<long, int>();
            for (int r = 0; r < keys.Length; r++)
            {
                if (longs.IsNull(r)) { keyOfRow[r] = -1; continue; }
                long k = longs.Values[r];
                if (!map.TryGetValue(k, out int idx)) { idx = first.Count; map[k] = idx; first.Add(r); }
                keyOfRow[r] = idx;
            }
            return new KeyIndex(keyOfRow, first);
        }
        // Other keys compare as their .NET values (a time stamp to the tick, NaN equal to NaN); a composite key as the
        // tuple of its values. Keys once went through text, which dropped a time stamp's fraction of a second.
        var general = new Dictionary<object?[], int>(TupleComparer.Instance);
        for (int r = 0; r < keys.Length; r++)
        {
            var parts = new object?[keys.ColumnCount];
            bool anyNull = false;
            for (int c = 0; c < keys.ColumnCount; c++)
            {
                parts[c] = FeatureValues.Get(keys.Column(c), r, types[c].Kind);
                anyNull |= parts[c] is null;
            }
            if (anyNull) { keyOfRow[r] = -1; continue; }
            if (!general.TryGetValue(parts, out int idx)) { idx = first.Count; general[parts] = idx; first.Add(r); }
            keyOfRow[r] = idx;
        }
        return new KeyIndex(keyOfRow, first);
    }

    private sealed class TupleComparer : IEqualityComparer<object?[]>
    {
        public static readonly TupleComparer Instance = new();

        public bool Equals(object?[]? x, object?[]? y)
        {
            if (x is null || y is null || x.Length != y.Length) return ReferenceEquals(x, y);
            for (int i = 0; i < x.Length; i++)
            {
                if (!Equals(x[i], y[i])) return false;
            }
            return true;
        }

        public int GetHashCode(object?[] tuple)
        {
            var hash = new HashCode();
            foreach (var part in tuple) hash.Add(part);
            return hash.ToHashCode();
        }
    }

    /// <summary>The distinct keys as a parameter batch: one column per key column, one row per distinct key.</summary>
    public RecordBatch Parameters(RecordBatch keys, IReadOnlyList<FeatureType> types)
    {
        var rows = FirstRowOfKey.ToArray();
        var arrays = new List<IArrowArray>();
        var fields = new List<Field>();
        for (int c = 0; c < keys.ColumnCount; c++)
        {
            arrays.Add(ArrowTake.Take(keys.Column(c), rows, types[c]));
            fields.Add(new Field("p" + (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), types[c].ArrowType, true));
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows.Length);
    }
}
