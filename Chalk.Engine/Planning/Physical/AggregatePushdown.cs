using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Expressions;
using Chalk.Resolvers;
using Chalk.Sql.Sources;
using Chalk.Sql.Translation;

namespace Chalk.Planning.Physical;

/// <summary>Decides whether an aggregate can run inside its child resolver's DuckDB query, and names the SQL columns it reads.</summary>
internal static class AggregatePushdown
{
    /// <summary>Why the aggregate cannot be pushed down, or null when it can.</summary>
    public static string? WhyNot(AggregateExpr aggregate, SqlResolverDefinition fetch, FeatureClassDefinition child)
    {
        if (fetch.Source is not DuckDbSource)
            return $"{fetch.Name} reads source '{fetch.SourceName}' ({fetch.Source.Kind}), not DuckDB";
        if (!fetch.IsTable)
            return $"{fetch.Name} is keyed by placeholders; pushdown needs a table-shaped resolver";
        if (child.PrimaryKey is null || ColumnOf(fetch, child.PrimaryKey.Path) is null)
            return $"{fetch.Name} does not select {child.Name}'s primary key, which orders the rows";
        foreach (var column in AggregateNodes.ChildColumns(aggregate))
        {
            if (ColumnOf(fetch, column) is null)
                return $"it reads {column}, which {fetch.Name} does not select (computed features of the child are not pushed down)";
        }
        foreach (var e in aggregate.ChildRowExpressions)
        {
            var t = DuckDbSqlTranslator.Translate(e, name => name == QueryTime.Column ? "k.__chalk_as_of" : "c." + Quote(ColumnOf(fetch, name)!));
            if (!t.Succeeded) return $"no faithful SQL: {t.FailureReason}";
        }
        return null;
    }

    /// <summary>The SQL column of <paramref name="fetch"/> holding the feature named <paramref name="path"/> (e.g. <c>review.rating</c>), or null.</summary>
    public static string? ColumnOf(SqlResolverDefinition fetch, string path)
        => fetch.Columns.FirstOrDefault(c => c.Feature.Path == path && !c.Feature.IsComputed)?.Column;

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
