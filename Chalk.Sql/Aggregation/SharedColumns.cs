namespace Chalk.Sql.Aggregation;

/// <summary>The names of the row columns and group aggregates of one statement, one name per distinct SQL text.</summary>
/// <remarks>
/// Aggregates of one relation often compute the same thing: <c>Sum(x)</c> and <c>Average(x)</c> both sum x,
/// <c>Count()</c> and a distinct count both count the rows, <c>Min</c> and <c>Max</c> of a float both need the sign
/// of the first zero. Every row column and group aggregate costs DuckDB work per child row, so a text registered again
/// gets the first registrant's name instead of a second column. The text is a faithful key: it reads only the
/// statement's child-column aliases and other shared names, so equal text means an equal value on every row.
/// </remarks>
internal sealed class SharedColumns
{
    private readonly Dictionary<string, string> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _extras = new(StringComparer.Ordinal);

    /// <summary>The name of the row column computing <paramref name="sql"/>: an existing one, else <paramref name="name"/>.</summary>
    public string Row(string name, string sql) => Name(_rows, name, sql);

    /// <summary>The name of the group aggregate computing <paramref name="sql"/>: an existing one, else <paramref name="name"/>.</summary>
    public string Group(string name, string sql) => Name(_groups, name, sql);

    /// <summary>The name of an extra-CTE column identified by <paramref name="key"/>: an existing one, else <paramref name="name"/>.</summary>
    public string Extra(string name, string key) => Name(_extras, name, key);

    /// <summary>Whether string orderings compare UTF-8 bytes instead of joining rank tables (the statement that runs when
    /// the culture orders every ranked set of strings as its bytes; see <see cref="AggregateSqlStatement.BytesSql"/>).</summary>
    public bool StringsByBytes { get; init; }

    private readonly List<(string Alias, string Sql)> _rankings = [];

    /// <summary>The string expressions ranked by a joined rank table: the table's alias in the rows relation and the
    /// expression (over the joined relation's aliases).</summary>
    public IReadOnlyList<(string Alias, string Sql)> Rankings => _rankings;

    /// <summary>The alias of the rank table joined on <paramref name="sql"/>'s value: an existing one for the same text, else a new one.</summary>
    public string Ranking(string sql)
    {
        foreach (var r in _rankings)
        {
            if (r.Sql == sql) return r.Alias;
        }
        string alias = "__rk" + _rankings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _rankings.Add((alias, sql));
        return alias;
    }

    private static string Name(Dictionary<string, string> names, string name, string sql)
    {
        if (names.TryGetValue(sql, out var existing)) return existing;
        names[sql] = name;
        return name;
    }
}
