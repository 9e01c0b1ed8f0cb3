using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Execution.Nodes;

/// <summary>Integer keys bound as one JSON array (a fetch of every key in one statement), and each fetched row's key
/// matched back to its place in that array.</summary>
internal static class KeyList
{
    /// <summary>The distinct keys (one 64-bit integer column without nulls) as one parameter row: <c>[k0,k1,…]</c>.</summary>
    public static RecordBatch Parameters(Int64Array keys)
    {
        var json = new StringBuilder(keys.Length * 8).Append('[');
        for (int i = 0; i < keys.Length; i++)
        {
            if (i > 0) json.Append(',');
            json.Append(keys.Values[i].ToString(CultureInfo.InvariantCulture));
        }
        var list = new StringArray.Builder().Append(json.Append(']').ToString()).Build();
        return new RecordBatch(new Schema([new Field("keys", StringType.Default, false)], null), [list], 1);
    }

    /// <summary>Per fetched row, the index of its key in <paramref name="keys"/>.</summary>
    /// <exception cref="ChalkResolverException">A row's key is null, not an integer, or not one asked for.</exception>
    public static int[] KeyOfRows(Int64Array keys, IArrowArray? fetchedKeys, string origin)
    {
        if (fetchedKeys is null || fetchedKeys.Length == 0) return [];
        if (fetchedKeys is not Int64Array fetched)
            throw new ChalkResolverException($"{origin}: the key column came back as {fetchedKeys.Data.DataType.Name}, not a 64-bit integer");
        var index = new Dictionary<long, int>(keys.Length);
        for (int i = 0; i < keys.Length; i++) index[keys.Values[i]] = i;
        var rows = new int[fetched.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            if (fetched.GetValue(r) is not { } k || !index.TryGetValue(k, out rows[r]))
                throw new ChalkResolverException($"{origin}: returned a row whose key {fetched.GetValue(r)?.ToString(CultureInfo.InvariantCulture) ?? "null"} was not asked for");
        }
        return rows;
    }
}
