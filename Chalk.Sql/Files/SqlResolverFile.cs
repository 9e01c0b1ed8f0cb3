using Chalk.Sql.Templates;

namespace Chalk.Sql.Files;

/// <summary>Whether a SQL resolver serves online queries or only offline (batch) ones.</summary>
public enum SqlResolverKind
{
    /// <summary>Serves online and offline queries (the default).</summary>
    Online,

    /// <summary>Serves offline (batch) queries only.</summary>
    Offline,
}

/// <summary>A header value and the 1-based line it was read from.</summary>
/// <param name="Value">The value after the colon, trimmed.</param>
/// <param name="Line">The line it came from.</param>
public readonly record struct HeaderValue(string Value, int Line);

/// <summary>A <c>${feature.path}</c> placeholder: the feature it names, its parameter slot and where it appears.</summary>
/// <param name="FeaturePath">The feature path between the braces, e.g. <c>review.id</c>.</param>
/// <param name="Slot">The 0-based parameter slot; repeated placeholders of one feature share a slot.</param>
/// <param name="Line">The 1-based line of its first appearance.</param>
public readonly record struct SqlPlaceholder(string FeaturePath, int Slot, int Line);

/// <summary>A parsed <c>*.chalk.sql</c> resolver: its header and its SQL with placeholders as parameter slots.</summary>
public sealed class SqlResolverFile
{
    internal SqlResolverFile(string path, HeaderValue resolves, HeaderValue? source, SqlResolverKind kind, int? count,
        string? description, SqlTemplate template, IReadOnlyList<SqlPlaceholder> placeholders, int bodyLine, IReadOnlyList<string> lines)
    {
        Lines = lines;
        Path = path;
        Resolves = resolves;
        Source = source;
        Kind = kind;
        Count = count;
        Description = description;
        Template = template;
        Placeholders = placeholders;
        BodyLine = bodyLine;
    }

    /// <summary>The file's path as discovered.</summary>
    public string Path { get; }

    /// <summary>The feature class named by <c>-- resolves:</c>.</summary>
    public HeaderValue Resolves { get; }

    /// <summary>The source named by <c>-- source:</c>, or <see langword="null"/> when omitted.</summary>
    public HeaderValue? Source { get; }

    /// <summary>The <c>-- type:</c> header (online unless stated).</summary>
    public SqlResolverKind Kind { get; }

    /// <summary>The <c>-- count:</c> header: <c>1</c> when the file returns at most one row per input, else null.</summary>
    public int? Count { get; }

    /// <summary>The free-form <c>-- description:</c>, if any.</summary>
    public string? Description { get; }

    /// <summary>The SQL body with one parameter slot per distinct placeholder.</summary>
    public SqlTemplate Template { get; }

    /// <summary>The distinct placeholders in slot order.</summary>
    public IReadOnlyList<SqlPlaceholder> Placeholders { get; }

    /// <summary>The 1-based line where the SQL body starts.</summary>
    public int BodyLine { get; }

    /// <summary>The file's lines as read, for pointing errors at a line.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <inheritdoc/>
    public override string ToString() => Path;
}
