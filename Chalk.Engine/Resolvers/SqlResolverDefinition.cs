using Chalk.Definitions;
using Chalk.Sql.Files;
using Chalk.Sql.Sources;

namespace Chalk.Resolvers;

/// <summary>A <c>*.chalk.sql</c> resolver bound to its class, its source and its columns.</summary>
/// <remarks>
/// A file with placeholders is a lookup by those features. A file without placeholders is a table: the engine
/// wraps it as a subquery and filters it by the primary key (a lookup) or by a foreign key (a has-many fetch).
/// </remarks>
public sealed class SqlResolverDefinition : ResolverDefinition
{
    internal SqlResolverDefinition(SqlResolverFile file, FeatureClassDefinition @class, string sourceName, SqlSource source,
        IReadOnlyList<FeaturePath> placeholders, IReadOnlyList<SqlColumnBinding> columns)
        : base(Path.GetFileName(file.Path), file.Path, @class)
    {
        File = file;
        SourceName = sourceName;
        Source = source;
        Placeholders = placeholders;
        Columns = columns;
    }

    /// <inheritdoc/>
    public override ResolverKind Kind => ResolverKind.Sql;

    /// <summary>The parsed file.</summary>
    public SqlResolverFile File { get; }

    /// <summary>The name of the source it runs against.</summary>
    public string SourceName { get; }

    /// <summary>The source it runs against.</summary>
    public SqlSource Source { get; }

    /// <summary>The features its placeholders name, in slot order.</summary>
    public IReadOnlyList<FeaturePath> Placeholders { get; }

    /// <summary>Its result columns and the features they fill; null <see cref="SqlColumnBinding.SourceType"/> until described.</summary>
    public IReadOnlyList<SqlColumnBinding> Columns { get; internal set; }

    /// <summary>Whether the file has no placeholders, so the engine filters it by a key.</summary>
    public bool IsTable => Placeholders.Count == 0;

    /// <inheritdoc/>
    public override IReadOnlyList<FeaturePath> Inputs => Placeholders;

    /// <inheritdoc/>
    public override IReadOnlyList<FeatureDefinition> Outputs => Columns.Select(c => c.Feature).ToList();
}

/// <summary>One result column of a SQL resolver and the feature it fills.</summary>
/// <param name="Column">The column name as the source returns it.</param>
/// <param name="Feature">The feature it fills.</param>
/// <param name="SourceType">The Arrow type the source reports for it, when known before running.</param>
public sealed record SqlColumnBinding(string Column, FeatureDefinition Feature, Apache.Arrow.Types.IArrowType? SourceType);
