using Chalk.Definitions;
using Chalk.Execution.Nodes;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Resolvers;
using Chalk.Sql.Aggregation;
using Chalk.Sql.Sources;

namespace Chalk.Planning.Physical;

/// <summary>Decides whether aggregates can run inside their child resolver's source, through the aggregate pushdown the
/// source declares (<see cref="SqlSource.AggregatePushdown"/>), and builds that statement.</summary>
internal static class AggregatePushdown
{
    /// <summary>Why the aggregate cannot be pushed down, or null when it can.</summary>
    /// <param name="aggregate">The aggregate, with the computed child features that could be inlined inlined.</param>
    /// <param name="fetch">The relation's table-shaped SQL file.</param>
    /// <param name="relation">The has-many relation.</param>
    /// <param name="inlining">What inlining made of the aggregate (its computed child features), or null.</param>
    public static string? WhyNot(AggregateExpr aggregate, SqlResolverDefinition fetch, FeatureDefinition relation, InliningResult? inlining = null)
    {
        if (fetch.Source.AggregatePushdown is not { } pushdown)
            return $"{fetch.Name} reads source '{fetch.SourceName}' ({fetch.Source.Kind}), which does not run aggregates";
        if (!fetch.IsTable)
            return $"{fetch.Name} is keyed by placeholders; pushdown needs a table-shaped resolver";
        var child = relation.Target!;
        if (child.PrimaryKey is null || ColumnOf(fetch, child.PrimaryKey.Path) is null)
            return $"{fetch.Name} does not select {child.Name}'s primary key, which orders the rows";
        if (Lifting.FeatureExprTypes.ToFeature(aggregate.Type) is null)
            return $"its result is a {aggregate.Type.Name()}, which no feature holds";
        foreach (var column in AggregateNodes.ChildColumns(aggregate))
        {
            if (ColumnOf(fetch, column) is not null) continue;
            return inlining?.NotInlined.TryGetValue(column, out var why) == true
                ? $"it reads {column}, which {fetch.Name} does not select and which is not inlined: {why}"
                : $"it reads {column}, which {fetch.Name} does not select (computed child features are not pushed down)";
        }
        var statement = pushdown.Build(Request(fetch, relation, [aggregate]));
        if (statement.Untranslatable.Count == 0) return null;
        string with = inlining is { Inlined.Count: > 0 } ? $" (with {string.Join(", ", inlining.Inlined)} inlined)" : "";
        return $"no faithful {pushdown.Dialect} SQL{with}: {statement.Untranslatable[0].Reason}";
    }

    /// <summary>The statement computing <paramref name="aggregates"/> for the keys in <see cref="SqlAggregateNode.KeysTable"/>.</summary>
    public static AggregateSqlRequest Request(SqlResolverDefinition fetch, FeatureDefinition relation, IReadOnlyList<AggregateExpr> aggregates,
        IReadOnlyDictionary<string, ExprType>? keyColumns = null)
    {
        var child = relation.Target!;
        return new AggregateSqlRequest(
            SqlResolverBinder.AsWritten(fetch).Template.Render(_ => throw new ChalkInternalException($"{fetch.Name} has placeholders")),
            ColumnOf(fetch, relation.ForeignKey!.Path)!,
            ColumnOf(fetch, child.PrimaryKey!.Path)!,
            child.TimeFeature is { } time ? ColumnOf(fetch, time.Path) : null,
            name => ColumnOf(fetch, name),
            SqlAggregateNode.KeysTable,
            aggregates,
            keyColumns,
            TextKey: relation.ForeignKey.Type!.Kind == ScalarKind.String);
    }

    /// <summary>The exact statement, and the faster one with time-only subexpressions hoisted to key columns (null when
    /// nothing is hoisted or the hoisted form does not translate).</summary>
    public static (AggregateSqlStatement Exact, AggregateSqlStatement? Hoisted, KeyLevelHoisting Hoisting) Statements(
        SqlAggregatePushdown pushdown, SqlResolverDefinition fetch, FeatureDefinition relation, IReadOnlyList<AggregateExpr> aggregates)
    {
        var exact = pushdown.Build(Request(fetch, relation, aggregates));
        var (rewritten, hoisting) = KeyLevelHoisting.Apply(aggregates);
        if (hoisting.Hoisted.Count == 0) return (exact, null, hoisting);
        var hoisted = pushdown.Build(Request(fetch, relation, rewritten, hoisting.Hoisted.ToDictionary(h => h.Column, h => h.Expression.Type)));
        return (exact, hoisted.Untranslatable.Count == 0 ? hoisted : null, hoisting);
    }

    /// <summary>The SQL column of <paramref name="fetch"/> holding the stored feature named <paramref name="path"/> (e.g. <c>review.rating</c>), or null.</summary>
    public static string? ColumnOf(SqlResolverDefinition fetch, string path)
        => fetch.Columns.FirstOrDefault(c => c.Feature.Path == path && !c.Feature.IsComputed)?.Column;
}
