using System.Globalization;

namespace Chalk.Sql.Sources.Aggregation;

/// <summary>The per-row and per-group columns the aggregates of one statement need, each computed once however many
/// aggregates read it.</summary>
internal sealed class PostgresStatementParts
{
    /// <summary>The alias of the group table in the final select.</summary>
    public const string Groups = "__g";

    private readonly Dictionary<string, string> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _groups = new(StringComparer.Ordinal);

    /// <summary>Per child row: name and SQL over the child aliases, in order of first use.</summary>
    public List<(string Name, string Sql)> RowColumns { get; } = [];

    /// <summary>Per key row: name and aggregate SQL over the row columns, in order of first use.</summary>
    public List<(string Name, string Sql)> GroupColumns { get; } = [];

    /// <summary>The name of a per-row column computing <paramref name="sql"/>, which reads child columns only (never
    /// another row column: they are computed side by side).</summary>
    public string Row(string sql)
    {
        if (_rows.TryGetValue(sql, out var name)) return name;
        name = "__x" + RowColumns.Count.ToString(CultureInfo.InvariantCulture);
        _rows[sql] = name;
        RowColumns.Add((name, sql));
        return name;
    }

    /// <summary>A reference, in the final select, to a per-key-row aggregate <paramref name="sql"/> (NULL for key rows
    /// without visible children).</summary>
    public string Group(string sql)
    {
        if (!_groups.TryGetValue(sql, out var name))
        {
            name = "__a" + GroupColumns.Count.ToString(CultureInfo.InvariantCulture);
            _groups[sql] = name;
            GroupColumns.Add((name, sql));
        }
        return Groups + "." + name;
    }
}
