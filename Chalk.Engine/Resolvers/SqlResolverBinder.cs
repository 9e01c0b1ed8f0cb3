using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Sql.Files;
using Chalk.Sql.Sources;
using Chalk.Sql.Templates;

namespace Chalk.Resolvers;

/// <summary>Binds a parsed <c>*.chalk.sql</c> file to its class, source, placeholders and result columns.</summary>
internal static class SqlResolverBinder
{
    public static SqlResolverDefinition Bind(SqlResolverFile file, FeatureRegistry registry, IReadOnlyDictionary<string, SqlSource> sources)
    {
        var cls = registry.FindClassByAnyName(file.Resolves.Value);
        if (cls is null)
        {
            var hint = Suggest.Nearest(file.Resolves.Value, registry.Classes.Select(c => c.ClrType.Name));
            throw new ChalkDefinitionException(
                $"'-- resolves: {file.Resolves.Value}' names no [Features] class" + (hint is null ? $"; classes are {string.Join(", ", registry.Classes.Select(c => c.ClrType.Name))}" : $"; did you mean '{hint}'?"),
                file.Path, file.Resolves.Line);
        }
        var (sourceName, source) = PickSource(file, sources);
        var placeholders = file.Placeholders.Select(p => BindPlaceholder(file, p, cls, registry)).ToList();
        var definition = new SqlResolverDefinition(file, cls, sourceName, source, placeholders, []);
        definition.Columns = BindColumns(file, cls, definition, Describe(file, definition));
        return definition;
    }

    /// <summary>The query that runs the file as written, its placeholders bound in slot order.</summary>
    public static SqlQuery AsWritten(SqlResolverDefinition r) =>
        new(QueryId(r.File.Path, r.File.Template), r.File.Template, r.Placeholders.Select(p => p.Feature.Type!.ArrowType).ToList(), r.File.Path)
        {
            ParameterNames = r.Placeholders.Select(p => p.ToString()).ToList(),
        };

    // Sources cache prepared statements by id, and one source may serve several engines whose files share a name:
    // the id carries a digest of the text so a different statement never reuses another's preparation.
    private static string QueryId(string name, SqlTemplate template)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(template.ToString()));
        return name + "#" + Convert.ToHexString(digest, 0, 8);
    }

    private static (string, SqlSource) PickSource(SqlResolverFile file, IReadOnlyDictionary<string, SqlSource> sources)
    {
        if (file.Source is { } named)
        {
            if (sources.TryGetValue(named.Value, out var s)) return (named.Value, s);
            throw new ChalkDefinitionException(
                $"'-- source: {named.Value}' is not a configured source; configured: {(sources.Count == 0 ? "none (call AddSource)" : string.Join(", ", sources.Keys.Order()))}",
                file.Path, named.Line);
        }
        if (sources.Count == 1) return sources.First() is var only ? (only.Key, only.Value) : default;
        throw new ChalkDefinitionException(
            $"missing '-- source: <name>' header; with {sources.Count} sources configured the file must say which ({string.Join(", ", sources.Keys.Order())})", file.Path, 1);
    }

    private static FeaturePath BindPlaceholder(SqlResolverFile file, SqlPlaceholder p, FeatureClassDefinition cls, FeatureRegistry registry)
    {
        var path = registry.TryResolve(p.FeaturePath, out var error)
            ?? throw new ChalkDefinitionException($"placeholder ${{{p.FeaturePath}}}: {error}", file.Path, p.Line);
        if (path.Root != cls || path.Steps.Count != 1 || path.Feature.Kind != FeatureKind.Scalar)
            throw new ChalkDefinitionException(
                $"placeholder ${{{p.FeaturePath}}} must name a scalar feature of {cls.ClrType.Name}, the class this file resolves (e.g. ${{{cls.Name}.{cls.PrimaryKey?.Name ?? "id"}}})",
                file.Path, p.Line);
        return path;
    }

    private static Schema? Describe(SqlResolverFile file, SqlResolverDefinition r)
    {
        try
        {
            return r.Source.DescribeAsync(AsWritten(r)).GetAwaiter().GetResult();
        }
        catch (ChalkResolverException ex) when (ex.IsTransient)
        {
            return null; // the source is down now: columns are checked when the resolver first runs
        }
        catch (ChalkResolverException ex)
        {
            throw new ChalkDefinitionException($"the SQL does not run on source '{r.SourceName}': {ex.InnerException?.Message ?? ex.Message}", file.Path, file.BodyLine, ex);
        }
    }

    private static List<SqlColumnBinding> BindColumns(SqlResolverFile file, FeatureClassDefinition cls, SqlResolverDefinition r, Schema? schema)
    {
        if (schema is null)
        {
            // Not describable before running: take the names from a plain select list, so the file claims only the
            // features it returns (not, say, one a C# resolver computes); when unsure, any stored feature.
            var stored = cls.Features.Where(f => f.Kind == FeatureKind.Scalar && !f.IsComputed).ToList();
            var named = SqlSelectList.Columns(file.Template.ToString())?
                .Select(n => (Column: n, Feature: stored.FirstOrDefault(f => string.Equals(f.Name, n, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(f.Name, FeatureNames.ToSnakeCase(n), StringComparison.Ordinal)))).ToList();
            // A plain select list's column that names no stored feature is the same mistake a described schema reports.
            if (named?.FirstOrDefault(c => c.Feature is null) is { Column: { } unmatched })
            {
                var f = cls.Find(unmatched) ?? cls.Find(FeatureNames.ToSnakeCase(unmatched));
                if (f is not null)
                    throw new ChalkDefinitionException($"column '{unmatched}' maps to {f.Path}, which is {(f.IsComputed ? "computed by " + f.Member : "a relation")}, not a stored feature", file.Path, LineOf(file, unmatched));
                var hint = Suggest.Nearest(unmatched, cls.Features.Where(x => x.Kind == FeatureKind.Scalar).Select(x => x.Name));
                throw new ChalkDefinitionException(
                    $"column '{unmatched}' maps to no feature of {cls.ClrType.Name}" + (hint is null ? "" : $"; did you mean '{hint}'?") + " Rename it with 'as <feature>' or drop it",
                    file.Path, LineOf(file, unmatched));
            }
            return named is not null && named.All(c => c.Feature is not null) && named.Select(c => c.Feature).Distinct().Count() == named.Count
                ? named.Select(c => new SqlColumnBinding(c.Column, c.Feature!, null)).ToList()
                : stored.Select(f => new SqlColumnBinding(f.Name, f, null)).ToList();
        }
        var bindings = new List<SqlColumnBinding>();
        foreach (var field in schema.FieldsList)
        {
            var f = cls.Find(field.Name) ?? cls.Find(FeatureNames.ToSnakeCase(field.Name)) ?? cls.Features.FirstOrDefault(x => string.Equals(x.Name, field.Name, StringComparison.OrdinalIgnoreCase));
            int line = LineOf(file, field.Name);
            if (f is null)
            {
                var hint = Suggest.Nearest(field.Name, cls.Features.Where(x => x.Kind == FeatureKind.Scalar).Select(x => x.Name));
                throw new ChalkDefinitionException(
                    $"column '{field.Name}' maps to no feature of {cls.ClrType.Name}" + (hint is null ? "" : $"; did you mean '{hint}'?") + " Rename it with 'as <feature>' or drop it",
                    file.Path, line);
            }
            if (f.Kind != FeatureKind.Scalar || f.IsComputed)
                throw new ChalkDefinitionException($"column '{field.Name}' maps to {f.Path}, which is {(f.IsComputed ? "computed by " + f.Member : "a relation")}, not a stored feature", file.Path, line);
            if (bindings.Any(b => b.Feature == f))
                throw new ChalkDefinitionException($"two columns map to {f.Path}", file.Path, line);
            if (!ArrowConversion.CanConvert(field.DataType, f.Type!.Kind))
                throw new ChalkPlanException(
                    $"{file.Path}:{line}: column '{field.Name}' is {ArrowConversion.Describe(field.DataType)} on source '{r.SourceName}' but feature {f.Path} is {f.Type}; cast it in the SQL or change {f.Member}");
            bindings.Add(new SqlColumnBinding(field.Name, f, field.DataType));
        }
        return bindings;
    }

    private static int LineOf(SqlResolverFile file, string column)
    {
        var lines = file.Lines;
        for (int i = file.BodyLine - 1; i < lines.Count; i++)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(lines[i], $@"\b{System.Text.RegularExpressions.Regex.Escape(column)}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
                return i + 1;
        }
        return file.BodyLine;
    }

    /// <summary>The file wrapped as a subquery and filtered by one integer column against a JSON array of keys bound as
    /// the one parameter (the source's <see cref="Chalk.Sql.Sources.SqlSource.KeyListFilter"/>, e.g. SQLite's
    /// <c>json_each</c>): a has-many fetch of every key in one statement. The key column is selected too, so each row
    /// can be matched to its key.</summary>
    /// <param name="r">A table-shaped resolver on a source with a key-list filter.</param>
    /// <param name="key">The integer feature whose column the rows are filtered by.</param>
    /// <param name="select">The result columns wanted (the key column is added).</param>
    public static SqlQuery FilteredByKeyList(SqlResolverDefinition r, FeatureDefinition key, IReadOnlyList<string> select)
    {
        var column = r.Columns.FirstOrDefault(c => c.Feature == key)?.Column
            ?? throw new ChalkPlanException($"{r.File.Path}: returns no column for {key.Path}, so it cannot be looked up by it; select it");
        var q = r.Source.QuoteIdentifier;
        var t = q("__chalk_t");
        var list = string.Join(", ", select.Append(column).Distinct().Select(c => $"{t}.{q(c)}"));
        var filter = r.Source.KeyListFilter($"{t}.{q(column)}")
            ?? throw new ChalkInternalException($"source '{r.SourceName}' ({r.Source.Kind}) has no key-list filter");
        var template = r.File.Template.Wrap(
            $"select {list} from (",
            [SqlSegment.Literal($") as {t} where {filter.Before}"), SqlSegment.Parameter(0), SqlSegment.Literal(filter.After)],
            1);
        var condition = new SqlTemplate([SqlSegment.Literal(filter.Before), SqlSegment.Parameter(0), SqlSegment.Literal(filter.After)], 1);
        var id = $"{r.File.Path}#in:{column}#select:" + string.Join(",", select);
        return new SqlQuery(QueryId(id, template), template, [Apache.Arrow.Types.StringType.Default], r.File.Path)
        {
            ParameterNames = [key.Path + " (JSON list)"],
            KeyList = new SqlKeyList(new SqlFilteredRows(list, r.File.Template.Wrap("", [], 0), t, condition), $"{t}.{q(column)}", column),
        };
    }

    /// <summary>A has-many fetch of many keys that also leaves out rows after each key's latest query time: the file
    /// filtered by <paramref name="key"/>'s column (slot 1) and by the source's <see cref="Chalk.Sql.Sources.SqlSource.TimeBoundFilter"/>
    /// on <paramref name="time"/>'s column (slot 2); null when the source has no such filter or the column does not come
    /// back as a microsecond timestamp without a zone.</summary>
    /// <param name="r">A table-shaped resolver.</param>
    /// <param name="key">The foreign key feature.</param>
    /// <param name="time">The child class's time feature.</param>
    /// <param name="select">The result columns wanted.</param>
    public static SqlQuery? FilteredByUntil(SqlResolverDefinition r, FeatureDefinition key, FeatureDefinition time, IReadOnlyList<string> select)
    {
        var binding = r.Columns.FirstOrDefault(c => c.Feature == time);
        if (binding?.SourceType is not Apache.Arrow.Types.TimestampType { Unit: Apache.Arrow.Types.TimeUnit.Microsecond } ts || !string.IsNullOrEmpty(ts.Timezone))
            return null;
        var q = r.Source.QuoteIdentifier;
        return r.Source.TimeBoundFilter($"{q("__chalk_t")}.{q(binding.Column)}") is { } bound ? Keyed(r, key, select, (binding.Column, bound)) : null;
    }

    /// <summary>The file wrapped as a subquery and filtered by one column: a key lookup or a has-many fetch.</summary>
    /// <param name="r">A table-shaped resolver.</param>
    /// <param name="key">The feature whose column the rows are filtered by.</param>
    /// <param name="select">The result columns wanted, or null for all; an empty list selects only the key (the rows'
    /// existence is all that is wanted).</param>
    public static SqlQuery FilteredBy(SqlResolverDefinition r, FeatureDefinition key, IReadOnlyList<string>? select = null) => Keyed(r, key, select, null);

    private static SqlQuery Keyed(SqlResolverDefinition r, FeatureDefinition key, IReadOnlyList<string>? select, (string Column, (string Before, string After) Filter)? until)
    {
        var column = r.Columns.FirstOrDefault(c => c.Feature == key)?.Column
            ?? throw new ChalkPlanException($"{r.File.Path}: returns no column for {key.Path}, so it cannot be looked up by it; select it");
        var q = r.Source.QuoteIdentifier;
        var t = q("__chalk_t");
        // Naming the columns lets the source skip the others (DuckDB reads only the columns a query uses).
        var list = select is null ? "*" : string.Join(", ", (select.Count == 0 ? [column] : select).Select(c => $"{t}.{q(c)}"));
        List<SqlSegment> filter = [SqlSegment.Literal($") as {t} where {t}.{q(column)} = "), SqlSegment.Parameter(0)];
        // A text key matches only its own bytes, whatever collation the column compares with.
        if (key.Type!.Kind == ScalarKind.String && r.Source.ExactTextCheck($"{t}.{q(column)}") is { } exact)
            filter.AddRange([SqlSegment.Literal(" and " + exact.Before), SqlSegment.Parameter(0), SqlSegment.Literal(exact.After)]);
        if (until is { } u)
            filter.AddRange([SqlSegment.Literal(" and " + u.Filter.Before), SqlSegment.Parameter(1), SqlSegment.Literal(u.Filter.After)]);
        var template = r.File.Template.Wrap($"select {list} from (", filter, until is null ? 1 : 2);
        // The same filter as a condition alone (without the subquery's closing text), for sources that join it.
        var condition = new SqlTemplate([SqlSegment.Literal($"{t}.{q(column)} = "), .. filter.Skip(1)], until is null ? 1 : 2);
        var rows = new SqlFilteredRows(select is null ? $"{t}.*" : list, r.File.Template.Wrap("", [], 0), t, condition);
        var id = $"{r.File.Path}#by:{column}" + (until is { } b ? "#until:" + b.Column : "") + (select is null ? "" : "#select:" + string.Join(",", select));
        if (until is not null)
        {
            return new SqlQuery(QueryId(id, template), template, [key.Type!.ArrowType, Chalk.Execution.QueryTime.Type.ArrowType], r.File.Path)
            {
                ParameterNames = [key.Path, "latest query time"],
                FilteredRows = rows,
            };
        }
        return new SqlQuery(QueryId(id, template), template, [key.Type!.ArrowType], r.File.Path)
        {
            ParameterNames = [key.Path],
            FilteredRows = rows,
            KeyedRead = new SqlKeyedRead(r.File.Template, column, select is null ? null : select.Count == 0 ? [column] : select),
        };
    }
}
