using Apache.Arrow;

namespace Chalk.Sql.Sources;

/// <summary>Finds string parameters a source cannot carry exactly: text containing NUL (U+0000).</summary>
/// <remarks>
/// PostgreSQL's text types cannot hold NUL. A key that cannot be sent exactly must fail the query by name: sending it
/// cut at the NUL (as some drivers do) would find another key's row.
/// </remarks>
internal static class TextParameters
{
    /// <summary>The first (slot, parameter row) whose string contains NUL, or null when none does.</summary>
    public static (int Slot, int Row)? FindNul(RecordBatch parameters)
    {
        for (int slot = 0; slot < parameters.ColumnCount; slot++)
        {
            if (parameters.Column(slot) is not StringArray strings) continue;
            // One scan of the column's bytes (a buffer may hold more: a slice's neighbours, spare bytes past the end);
            // only a hit needs the row.
            var offsets = strings.ValueOffsets;
            if (strings.Values[offsets[0]..offsets[strings.Length]].IndexOf((byte)0) < 0) continue;
            for (int row = 0; row < strings.Length; row++)
            {
                if (!strings.IsNull(row) && strings.GetBytes(row).IndexOf((byte)0) >= 0) return (slot, row);
            }
        }
        return null;
    }

    /// <summary>Throws when a string parameter contains NUL, naming the resolver, the parameter, the source and what to do.</summary>
    /// <exception cref="ChalkResolverException">A string parameter contains NUL.</exception>
    public static void RefuseNul(SqlQuery query, RecordBatch parameters, string source)
    {
        if (FindNul(parameters) is not var (slot, row)) return;
        throw new ChalkResolverException(
            $"{query.Origin}: parameter {query.DescribeSlot(slot)} (parameter row {row}) is a string containing a NUL character (U+0000), " +
            $"which {source} cannot hold in text, so it cannot be matched exactly and the query was not run. Remove or replace NUL " +
            "characters in that value before querying, or keep such keys in a source whose strings can hold NUL (DuckDB, SQLite, BigQuery)",
            isTransient: false);
    }
}
