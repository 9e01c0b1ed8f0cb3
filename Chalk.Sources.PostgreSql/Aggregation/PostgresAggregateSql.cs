using System.Globalization;
using System.Text;
using Chalk.Expressions;
using Chalk.Sql.Aggregation;

namespace Chalk.Sql.Sources.Aggregation;

/// <summary>Builds one PostgreSQL statement computing a relation's aggregates for a batch of key rows bound as arrays,
/// with exactly LINQ to objects' answers, or refuses the aggregates it cannot answer exactly.</summary>
/// <remarks>
/// <para>Shape (the key rows are parameters, never text):</para>
/// <code>
/// WITH __chalk_keys AS (SELECT * FROM unnest($1, $2, $3) AS __u(__chalk_row, __chalk_key, __chalk_as_of)),
/// __rows AS (SELECT __k.__chalk_row AS __r, CAST(__c."amount" AS int8) AS __c0, …
///            FROM (child SQL) __c JOIN __chalk_keys __k ON __c."fk" = __k.__chalk_key AND __c."time" &lt;= __k.__chalk_as_of),
/// __x AS (SELECT __r, &lt;per-row filters and values&gt; FROM __rows),
/// __grouped AS (SELECT __r, count(*) FILTER (WHERE …) AS __a0, … FROM __x GROUP BY __r)
/// SELECT __k.__chalk_row, &lt;value, error per aggregate&gt;, &lt;recheck&gt; FROM __chalk_keys __k LEFT JOIN __grouped __g ON …
/// </code>
/// <para>Key rows without visible children get the empty relation's answers through the left join. The forms are in
/// <see cref="PostgresAggregateForm"/>; key columns other than the three (hoisted window starts) are not supported, so
/// the engine keeps the exact statement.</para>
/// </remarks>
internal static class PostgresAggregateSql
{
    /// <summary>The output column flagging key rows to answer in the engine.</summary>
    public const string RecheckColumn = "__chalk_recheck";

    private const string AsOf = "__asof";

    public static AggregateSqlStatement Build(AggregateSqlRequest request)
    {
        AggregateSqlRequest.ThrowIfInvalid(request);
        var children = new Dictionary<(string Column, ExprType Type), string>();
        var parts = new PostgresStatementParts();
        var forms = new List<(int Index, AggregateExpr Aggregate, PostgresAggregateForm Form)>();
        var untranslatable = new List<UntranslatableAggregate>();
        for (int i = 0; i < request.Aggregates.Count; i++)
        {
            var agg = request.Aggregates[i] ?? throw new ArgumentException($"aggregate {i} is null", nameof(request));
            try
            {
                if (request.KeyColumns is { Count: > 0 }) throw new PostgresRefusedException("key columns computed in the engine are not bound for PostgreSQL");
                // A refused aggregate must leave no columns behind, so it is built against a copy first.
                var scratch = new Dictionary<(string, ExprType), string>(children);
                PostgresAggregateForm.Build(agg, new PostgresStatementParts(), (e, inexact) => Translate(e, request, scratch, inexact));
                forms.Add((i, agg, PostgresAggregateForm.Build(agg, parts, (e, inexact) => Translate(e, request, children, inexact))));
            }
            catch (PostgresRefusedException e)
            {
                untranslatable.Add(new UntranslatableAggregate(i, agg, e.Message));
            }
        }
        if (forms.Count == 0) return new AggregateSqlStatement(null, [], untranslatable);
        var columns = forms.Select(f => new AggregateSqlColumn(f.Index, f.Aggregate, ValueName(f.Index), f.Form.Error is null ? null : ValueName(f.Index) + "_error")).ToList();
        bool recheck = forms.Any(f => f.Form.Recheck is not null);
        return new AggregateSqlStatement(Statement(request, children, parts, forms, columns), columns, untranslatable)
        {
            RecheckColumn = recheck ? RecheckColumn : null,
        };
    }

    private static string ValueName(int index) => "__chalk_agg_" + index.ToString(CultureInfo.InvariantCulture);

    private static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Child columns are projected once per (column, type) under an alias, so the caller's names never reach the expressions.
    private static string Translate(Expr expr, AggregateSqlRequest request, Dictionary<(string Column, ExprType Type), string> children, ICollection<string> inexact)
        => PostgresSqlTranslator.Translate(expr, c =>
        {
            var (name, type) = (c.Name, c.Type);
            if (name == AggregateExpr.AsOfColumn)
                return type == ExprType.Timestamp ? AsOf : throw new PostgresRefusedException($"{name} is read as {type.Name()}, but it is a timestamp");
            var column = request.ChildColumn(name) ?? throw new PostgresRefusedException($"it reads column `{name}`, which the child rows do not provide");
            if (!children.TryGetValue((column, type), out var alias))
                children[(column, type)] = alias = "__c" + children.Count.ToString(CultureInfo.InvariantCulture);
            return alias;
        }, inexact);

    private static string Statement(AggregateSqlRequest request, Dictionary<(string Column, ExprType Type), string> children, PostgresStatementParts parts,
        List<(int Index, AggregateExpr Aggregate, PostgresAggregateForm Form)> forms, List<AggregateSqlColumn> columns)
    {
        string keys = Ident(request.KeysTable);
        var sb = new StringBuilder();
        sb.Append("WITH ").Append(keys).Append(" AS (SELECT * FROM unnest($1, $2, $3) AS __u(")
          .Append(AggregateSql.RowColumn).Append(", ").Append(AggregateSql.KeyColumn).Append(", ").Append(AggregateSql.AsOfColumn).Append(")),\n");
        sb.Append("__rows AS (SELECT __k.").Append(AggregateSql.RowColumn).Append(" AS __r, __k.").Append(AggregateSql.AsOfColumn).Append(" AS ").Append(AsOf);
        foreach (var ((column, type), alias) in children)
            sb.Append(", CAST(__c.").Append(Ident(column)).Append(" AS ").Append(PostgresSqlTranslator.SqlType(type)).Append(") AS ").Append(alias);
        // The child SQL goes on its own lines so that a trailing line comment cannot swallow the closing parenthesis.
        sb.Append("\nFROM (\n").Append(SqlStatementText.TrimTerminator(request.ChildRowsSql)).Append("\n) __c JOIN ").Append(keys).Append(" __k ON __c.")
          .Append(Ident(request.ForeignKeyColumn)).Append(" = __k.").Append(AggregateSql.KeyColumn);
        if (request.TimeColumn is not null) sb.Append(" AND __c.").Append(Ident(request.TimeColumn)).Append(" <= __k.").Append(AggregateSql.AsOfColumn);
        sb.Append("),\n__x AS (SELECT __r");
        foreach (var (name, sql) in parts.RowColumns) sb.Append(",\n  ").Append(sql).Append(" AS ").Append(name);
        sb.Append("\nFROM __rows),\n__grouped AS (SELECT __r");
        foreach (var (name, sql) in parts.GroupColumns) sb.Append(",\n  ").Append(sql).Append(" AS ").Append(name);
        sb.Append("\nFROM __x GROUP BY __r)\nSELECT __k.").Append(AggregateSql.RowColumn);
        for (int i = 0; i < forms.Count; i++)
        {
            var (_, agg, form) = forms[i];
            string type = PostgresSqlTranslator.SqlType(agg.Type);
            sb.Append(",\n  ");
            if (form.Error is null) sb.Append($"CAST({form.Value} AS {type}) AS {columns[i].ValueColumn}");
            else sb.Append($"CASE WHEN ({form.Error}) IS NULL THEN CAST({form.Value} AS {type}) END AS {columns[i].ValueColumn},\n  CAST({form.Error} AS text) AS {columns[i].ErrorColumn}");
        }
        var rechecks = forms.Where(f => f.Form.Recheck is not null).Select(f => $"coalesce({f.Form.Recheck}, false)").ToList();
        if (rechecks.Count > 0) sb.Append(",\n  (").Append(string.Join("\n   OR ", rechecks)).Append(") AS ").Append(RecheckColumn);
        sb.Append("\nFROM ").Append(keys).Append(" __k LEFT JOIN __grouped ").Append(PostgresStatementParts.Groups)
          .Append(" ON ").Append(PostgresStatementParts.Groups).Append(".__r = __k.").Append(AggregateSql.RowColumn);
        return sb.ToString();
    }
}
