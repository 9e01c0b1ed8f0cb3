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
        var general = new Dictionary<string, int>(StringComparer.Ordinal);
        var parts = new object?[keys.ColumnCount];
        for (int r = 0; r < keys.Length; r++)
        {
            bool anyNull = false;
            for (int c = 0; c < keys.ColumnCount; c++)
            {
                parts[c] = FeatureValues.Get(keys.Column(c), r, types[c].Kind);
                anyNull |= parts[c] is null;
            }
            if (anyNull) { keyOfRow[r] = -1; continue; }
            var k = string.Join("\u0001", parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture) + "\u0002" + p!.GetType().Name));
            if (!general.TryGetValue(k, out int idx)) { idx = first.Count; general[k] = idx; first.Add(r); }
            keyOfRow[r] = idx;
        }
        return new KeyIndex(keyOfRow, first);
    }

    /// <summary>The distinct keys as a parameter batch: one column per key column, one row per distinct key.</summary>
    public RecordBatch Parameters(RecordBatch keys, IReadOnlyList<FeatureType> types)
    {
        var rows = FirstRowOfKey.ToArray();
        var arrays = new List<IArrowArray>();
        var fields = new List<Field>();
        for (int c = 0; c < keys.ColumnCount; c++)
        {
            arrays.Add(ArrowGather.Gather(keys.Column(c), rows, types[c]));
            fields.Add(new Field("p" + (c + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), types[c].ArrowType, true));
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows.Length);
    }
}
