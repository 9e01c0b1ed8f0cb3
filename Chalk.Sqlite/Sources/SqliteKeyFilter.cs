using SQLitePCL;

namespace Chalk.Sql.Sources;

/// <summary>Keeps the rows of a key-list scan (<see cref="SqliteKeyListPlanner"/>) whose integer key is in the list;
/// rows whose key is anything else were already tested by SQLite and pass.</summary>
/// <remarks>An integer key compares with an integer of the list exactly as SQLite's <c>IN</c> does (numeric equality,
/// whatever the column's affinity, since a column of text affinity never holds an integer), so the rows kept are the
/// rows the list filter keeps.</remarks>
internal sealed class SqliteKeyFilter
{
    private readonly HashSet<long> _keys;
    private readonly int _column;

    private SqliteKeyFilter(HashSet<long> keys, int column)
    {
        _keys = keys;
        _column = column;
    }

    /// <summary>The filter of the keys in <paramref name="json"/> (a JSON list of integers) on the result column
    /// <paramref name="keyColumn"/> of <paramref name="statement"/>.</summary>
    /// <exception cref="ChalkInternalException">The statement returns no such column.</exception>
    public static SqliteKeyFilter For(string json, SqliteStatement statement, string keyColumn)
    {
        int column = -1;
        for (int c = 0; c < statement.Columns.Count && column < 0; c++)
        {
            if (statement.Columns[c].Name == keyColumn) column = c;
        }
        if (column < 0) throw new ChalkInternalException($"a key-list scan returns no key column '{keyColumn}'");
        return new SqliteKeyFilter([.. System.Text.Json.JsonSerializer.Deserialize<long[]>(json) ?? []], column);
    }

    /// <summary>Whether the current row of <paramref name="statement"/> is kept.</summary>
    public bool Keeps(sqlite3_stmt statement)
        => raw.sqlite3_column_type(statement, _column) != raw.SQLITE_INTEGER || _keys.Contains(raw.sqlite3_column_int64(statement, _column));
}
