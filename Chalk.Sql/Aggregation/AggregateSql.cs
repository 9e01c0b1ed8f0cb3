using System.Globalization;
using System.Text;
using Chalk.Sql.Translation;

namespace Chalk.Sql.Aggregation;

/// <summary>Builds one DuckDB statement that computes a relation's aggregates for a table of key rows, with exactly LINQ to objects' semantics.</summary>
/// <remarks>
/// The child rows are joined to the key rows on the foreign key (and, with a time column, on <c>time &lt;= as_of</c>),
/// grouped by key row with one <c>FILTER</c>ed aggregate (or a few) per aggregate, and the groups are left-joined back to
/// the key table so that key rows without visible children get the empty-set result. Orders that matter (ties,
/// <c>First</c>/<c>Last</c>) are arg_min/arg_max over a struct ending in the child order column, never ordered
/// aggregates. See <c>docs/aggregations.md</c>.
/// </remarks>
public static class AggregateSql
{
    /// <summary>The key table's row index column, also the statement's first output column.</summary>
    public const string RowColumn = "__chalk_row";

    /// <summary>The key table's parent key column.</summary>
    public const string KeyColumn = "__chalk_key";

    /// <summary>The key table's as-of column (TIMESTAMP).</summary>
    public const string AsOfColumn = "__chalk_as_of";

    /// <summary>Builds the statement; aggregates without a faithful form are listed with the reason instead.</summary>
    /// <param name="request">The child rows, key table and aggregates.</param>
    /// <returns>The statement and where each aggregate's result is.</returns>
    /// <exception cref="ArgumentNullException">The request or one of its members is null.</exception>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public static AggregateSqlStatement Build(AggregateSqlRequest request)
    {
        AggregateSqlRequest.ThrowIfInvalid(request);
        var statement = BuildOne(request, stringsByBytes: false);
        if (statement.Rankings.Count == 0) return statement;
        // The same aggregates with strings ordered by their bytes: only worth having when no ordering still needs a rank
        // table (a string key ordering another value keeps its ranks).
        var bytes = BuildOne(request, stringsByBytes: true);
        if (bytes.Rankings.Count > 0) return statement;
        if (!bytes.Columns.SequenceEqual(statement.Columns))
            throw new ChalkInternalException("ordering strings by their bytes changed the aggregate statement's columns");
        return statement with { BytesSql = bytes.Sql };
    }

    private static AggregateSqlStatement BuildOne(AggregateSqlRequest request, bool stringsByBytes)
    {
        var scope = new ChildScope(request.ChildColumn, request.KeyColumns);
        var shared = new SharedColumns { StringsByBytes = stringsByBytes };
        var parts = new List<AggregateParts>();
        var untranslatable = new List<UntranslatableAggregate>();
        for (int i = 0; i < request.Aggregates.Count; i++)
        {
            var agg = request.Aggregates[i] ?? throw new ArgumentException($"aggregate {i} is null", nameof(request));
            try
            {
                parts.Add(AggregateForm.Build(i, agg, scope, shared));
            }
            catch (AggregateRefusedException e)
            {
                untranslatable.Add(new UntranslatableAggregate(i, agg, e.Message));
            }
        }
        if (parts.Count == 0) return new AggregateSqlStatement(null, [], untranslatable);
        var columns = parts.Select(p => new AggregateSqlColumn(p.Index, request.Aggregates[p.Index], ValueName(p.Index), p.Error is null ? null : ErrorName(p.Index))).ToList();
        return new AggregateSqlStatement(Statement(request, scope, shared, parts), columns, untranslatable) { Rankings = Rankings(request, scope, shared) };
    }

    private static string ValueName(int index) => "__chalk_agg_" + index.ToString(CultureInfo.InvariantCulture);

    private static string ErrorName(int index) => ValueName(index) + "_error";

    /// <summary>The child rows joined to their key rows, as relation <c>__j</c>: the key row (<c>__r</c>), the child order
    /// (<c>__o</c>), the as-of and key columns, and the child columns under the aliases the translations read (<see cref="ChildScope"/>).</summary>
    private static string Joined(AggregateSqlRequest request, ChildScope scope)
    {
        var sb = new StringBuilder("(SELECT __k.").Append(RowColumn).Append(" AS __r, __c.").Append(SqlText.Ident(request.OrderColumn)).Append(" AS ").Append(AggregateForm.Order)
          .Append(", __k.").Append(AsOfColumn).Append(" AS ").Append(ChildScope.AsOf);
        foreach (var (alias, column) in scope.KeyColumns)
            sb.Append(", __k.").Append(SqlText.Ident(column)).Append(" AS ").Append(alias);
        foreach (var (alias, column, type) in scope.Columns)
            sb.Append(", CAST(__c.").Append(SqlText.Ident(column)).Append(" AS ").Append(DuckDbSqlTranslator.SqlType(type)).Append(") AS ").Append(alias);
        // The child SQL goes on its own lines so that a trailing line comment cannot swallow the closing parenthesis.
        sb.Append("\nFROM (\n").Append(request.ChildRowsSql.Trim().TrimEnd(';')).Append("\n) __c JOIN ").Append(SqlText.Ident(request.KeysTable)).Append(" __k ON __c.")
          .Append(SqlText.Ident(request.ForeignKeyColumn)).Append(" = __k.").Append(KeyColumn);
        if (request.TextKey) sb.Append(" AND encode(__c.").Append(SqlText.Ident(request.ForeignKeyColumn)).Append(") = encode(__k.").Append(KeyColumn).Append(')');
        if (request.TimeColumn is not null) sb.Append(" AND __c.").Append(SqlText.Ident(request.TimeColumn)).Append(" <= __k.").Append(AsOfColumn);
        return sb.Append(") __j").ToString();
    }

    /// <summary>The rank tables of the statement's string orderings and the queries of the values they rank: every
    /// distinct value of the expression over the child rows joined to the key rows.</summary>
    /// <remarks>Over the joined rows, not every child row: a batch of a few keys over a table of millions of distinct
    /// strings ranks only its own rows' strings (the join is what the statement does anyway), where ranking the whole
    /// column could take seconds and gigabytes in .NET.</remarks>
    private static List<StringRanking> Rankings(AggregateSqlRequest request, ChildScope scope, SharedColumns shared)
        => shared.Rankings.Select(r => new StringRanking(StringRanking.TableOf(r.Alias),
            $"SELECT DISTINCT encode({r.Sql}) AS {StringRanking.ValueColumn}\nFROM {Joined(request, scope)}\nWHERE ({r.Sql}) IS NOT NULL\nORDER BY {StringRanking.ValueColumn}")).ToList();

    private static string Statement(AggregateSqlRequest request, ChildScope scope, SharedColumns shared, List<AggregateParts> parts)
    {
        string keys = SqlText.Ident(request.KeysTable);
        var sb = new StringBuilder();
        sb.Append("WITH ").Append(AggregateParts.RowsCte).Append(" AS NOT MATERIALIZED (\nSELECT __r, ").Append(AggregateForm.Order);
        // Shared columns are listed by every aggregate using them; each is computed once, before the columns reading it.
        foreach (var (name, sql) in parts.SelectMany(p => p.RowColumns).Distinct()) sb.Append(",\n  ").Append(sql).Append(" AS ").Append(name);
        sb.Append("\nFROM ").Append(Joined(request, scope));
        foreach (var (alias, sql) in shared.Rankings)
        {
            // Bytes compared, so that a collated column (COLLATE NOCASE) finds only its own value's rank.
            sb.Append("\nLEFT JOIN ").Append(SqlText.Ident(StringRanking.TableOf(alias))).Append(' ').Append(alias).Append(" ON encode(").Append(alias).Append('.')
              .Append(StringRanking.ValueColumn).Append(") = encode(").Append(sql).Append(')');
        }
        sb.Append("\n),\n");
        var checks = parts.SelectMany(p => p.RunningChecks).ToList();
        var zeros = parts.SelectMany(p => p.ZeroChecks).Distinct().ToList();
        var ties = parts.SelectMany(p => p.TieChecks).Distinct().ToList();
        bool extras = checks.Count > 0 || zeros.Count > 0 || ties.Count > 0;
        // With extra CTEs the groups are read twice; materializing them keeps the big aggregation from running twice.
        sb.Append(AggregateParts.GroupsCte).Append(extras ? " AS MATERIALIZED (" : " AS (").Append("\nSELECT __r");
        foreach (var (name, sql) in parts.SelectMany(p => p.GroupColumns).Distinct()) sb.Append(",\n  ").Append(sql).Append(" AS ").Append(name);
        sb.Append("\nFROM ").Append(AggregateParts.RowsCte).Append(" GROUP BY __r\n)");
        if (checks.Count > 0) sb.Append(",\n").Append(RunningChecks.Cte).Append(" AS (\n").Append(RunningChecks.Sql(checks)).Append("\n)");
        if (zeros.Count > 0) sb.Append(",\n").Append(ZeroChecks.Cte).Append(" AS (\n").Append(ZeroChecks.Sql(zeros)).Append("\n)");
        if (ties.Count > 0) sb.Append(",\n").Append(TieChecks.Cte).Append(" AS (\n").Append(TieChecks.Sql(ties)).Append("\n)");
        sb.Append("\nSELECT ").Append(RowColumn);
        foreach (var p in parts)
        {
            string type = DuckDbSqlTranslator.SqlType(request.Aggregates[p.Index].Type);
            string value = "__v" + p.Index.ToString(CultureInfo.InvariantCulture);
            sb.Append(",\n  ");
            if (p.Error is null) sb.Append($"CAST({value} AS {type}) AS {ValueName(p.Index)}");
            else sb.Append($"CASE WHEN {ErrorName(p.Index)} IS NULL THEN CAST({value} AS {type}) END AS {ValueName(p.Index)}, {ErrorName(p.Index)}");
        }
        sb.Append("\nFROM (SELECT __k.").Append(RowColumn);
        foreach (var p in parts)
        {
            sb.Append(",\n  ").Append(p.Value).Append(" AS __v").Append(p.Index.ToString(CultureInfo.InvariantCulture));
            if (p.Error is not null) sb.Append(",\n  CAST(").Append(p.Error).Append(" AS VARCHAR) AS ").Append(ErrorName(p.Index));
        }
        sb.Append("\nFROM ").Append(keys).Append(" __k LEFT JOIN ").Append(AggregateParts.GroupsCte).Append(' ').Append(AggregateParts.Groups)
          .Append(" ON ").Append(AggregateParts.Groups).Append(".__r = __k.").Append(RowColumn);
        if (checks.Count > 0) JoinExtra(RunningChecks.Cte);
        if (zeros.Count > 0) JoinExtra(ZeroChecks.Cte);
        if (ties.Count > 0) JoinExtra(TieChecks.Cte);
        foreach (var lookup in parts.SelectMany(p => p.Lookups).Distinct()) sb.Append(" LEFT JOIN ").Append(lookup);
        // No ORDER BY: callers place each result row by its __chalk_row, and sorting a million rows is not free.
        sb.Append(") __f");
        return sb.ToString();

        void JoinExtra(string cte) => sb.Append(" LEFT JOIN ").Append(cte).Append(" ON ").Append(cte).Append(".__r = __k.").Append(RowColumn);
    }
}
