using System.Globalization;
using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

/// <summary>The SQL of one aggregate, spread over the statement's three levels.</summary>
/// <remarks>
/// <list type="number">
/// <item><see cref="RowColumns"/>: per visible child row (filter pass, value, key, the row's error), over the joined relation.</item>
/// <item><see cref="GroupColumns"/>: aggregates over those columns, one group per key row.</item>
/// <item><see cref="Value"/> and <see cref="Error"/>: the result per key row, over the group columns (NULL when the key row
/// has no visible child, because groups are left-joined to the key table) and the columns of the extra CTEs
/// (<see cref="RunningChecks"/>, <see cref="ZeroChecks"/>).</item>
/// </list>
/// Names are prefixed by the aggregate's index so that aggregates never collide; a column or aggregate whose SQL another
/// aggregate of the statement already computes takes that one's name (<see cref="SharedColumns"/>) and is listed in both.
/// </remarks>
internal sealed class AggregateParts(int index, SharedColumns shared)
{
    /// <summary>The group relation's alias in the final select (and in extra CTEs).</summary>
    public const string Groups = "__g";

    /// <summary>The CTE of per-child-row columns (<c>__r</c>: the key row, <c>__o</c>: the child order, then <see cref="RowColumns"/>).</summary>
    public const string RowsCte = "__chalk_rows";

    /// <summary>The CTE of per-group columns (<c>__r</c>, then <see cref="GroupColumns"/>).</summary>
    public const string GroupsCte = "__chalk_groups";

    /// <summary>The child rows of just the key rows where one of <paramref name="needs"/> (conditions over the group
    /// columns) holds: what a second-pass check reads, usually nothing, so its join has an empty side.</summary>
    public static string RowsOfKeysWhere(IEnumerable<string> needs)
        => $"{RowsCte} WHERE __r IN (SELECT {Groups}.__r FROM {GroupsCte} {Groups} WHERE {string.Join(" OR ", needs.Select(n => "(" + n + ")"))})";

    private readonly string _prefix = "__a" + index.ToString(CultureInfo.InvariantCulture) + "_";

    public int Index { get; } = index;

    public List<(string Name, string Sql)> RowColumns { get; } = [];

    public List<(string Name, string Sql)> GroupColumns { get; } = [];

    /// <summary>Running-total overflow checks of checked integer sums (see <see cref="RunningCheck"/>).</summary>
    public List<RunningCheck> RunningChecks { get; } = [];

    /// <summary>First-zero sign checks of float values (see <see cref="ZeroCheck"/>); shared like the group aggregates.</summary>
    public List<ZeroCheck> ZeroChecks { get; } = [];

    /// <summary>Rank checks of string picks whose winning rank is shared (see <see cref="TieCheck"/>); shared like the group aggregates.</summary>
    public List<TieCheck> TieChecks { get; } = [];

    /// <summary>Tables the final select left-joins to read a result (<c>table alias ON condition</c>): a rank table turning a rank back into its string.</summary>
    public List<string> Lookups { get; } = [];

    /// <summary>The result value per key row; it may be anything where <see cref="Error"/> is not NULL.</summary>
    public string Value { get; set; } = "NULL";

    /// <summary>The row's error message, or null when no row can fail.</summary>
    public string? Error { get; set; }

    /// <summary>Adds a per-child-row column (or reuses an identical one) and returns its name in the rows relation.</summary>
    public string Row(string name, string sql) => Add(RowColumns, shared.Row(_prefix + name, sql), sql);

    /// <summary>Adds a per-group aggregate (or reuses an identical one) and returns its reference in the final select.</summary>
    public string Group(string name, string sql) => Groups + "." + Add(GroupColumns, shared.Group(_prefix + name, sql), sql);

    /// <summary>Adds (or reuses) the check of the first zero's sign for the rows where <paramref name="need"/> holds; returns its column.</summary>
    /// <remarks><paramref name="need"/> must follow from <paramref name="pass"/> and <paramref name="value"/>, since a check is shared by them.</remarks>
    public string FirstZero(string? pass, string value, string need)
    {
        string column = shared.Extra(_prefix + "zs", $"{pass}|{value}");
        var check = new ZeroCheck(column, pass, value, need);
        if (!ZeroChecks.Contains(check)) ZeroChecks.Add(check);
        return Aggregation.ZeroChecks.Cte + "." + column;
    }

    /// <summary>Adds (or reuses) the pick among the rows of a shared winning rank, for the key rows where
    /// <paramref name="need"/> holds; returns its column.</summary>
    public string TieBreak(string? pass, string value, string rank, string extreme, bool last, string need)
    {
        string column = shared.Extra(_prefix + "tie", $"{pass}|{value}|{rank}|{extreme}|{last}");
        var check = new TieCheck(column, pass, value, rank, extreme, last, need);
        if (!TieChecks.Contains(check)) TieChecks.Add(check);
        return Aggregation.TieChecks.Cte + "." + column;
    }

    /// <summary>Left-joins <paramref name="table"/> to the final select on the condition <paramref name="on"/> makes of
    /// the table's alias; returns the alias, shared with an identical join.</summary>
    public string Lookup(string table, Func<string, string> on)
    {
        string alias = shared.Extra(_prefix + "lk", $"{table}|{on("{}")}");
        string join = $"{SqlText.Ident(table)} {alias} ON {on(alias)}";
        if (!Lookups.Contains(join)) Lookups.Add(join);
        return alias;
    }

    /// <summary>The culture rank of the string <paramref name="sql"/> (an expression over the joined relation), read from
    /// the statement's rank table for it (see <see cref="StringRanking"/>): NULL where the string is NULL or has no rank; and that table.</summary>
    public (string Rank, string Table) Rank(string sql)
    {
        string alias = shared.Ranking(sql);
        return (alias + "." + StringRanking.RankColumn, StringRanking.TableOf(alias));
    }

    private static string Add(List<(string Name, string Sql)> columns, string name, string sql)
    {
        if (!columns.Contains((name, sql))) columns.Add((name, sql));
        return name;
    }

    /// <summary>A name for a column of this aggregate in another relation.</summary>
    public string Name(string name) => _prefix + name;

    /// <summary>The message of an empty sequence, when the aggregate fails on one.</summary>
    public static string? EmptyError(AggregateExpr agg, string isEmpty)
        => agg.FailOnEmpty ? $"CASE WHEN {isEmpty} THEN {SqlText.Str(AggregateExpr.NoElementsMessage)} END" : null;

    /// <summary>The first of several error texts that is not NULL; null when none can fail.</summary>
    public static string? FirstError(params string?[] errors)
    {
        var present = errors.Where(e => e is not null).ToList();
        return present.Count switch
        {
            0 => null,
            1 => present[0],
            _ => $"coalesce({string.Join(", ", present)})",
        };
    }
}
