using System.Text;

namespace Chalk.Sql.Sources;

/// <summary>Creates sources from a kind name and settings, as a project's <c>chalk.json</c> declares them, through the
/// kind's provider (<see cref="SqlSourceProviders"/>).</summary>
/// <remarks>
/// Settings per kind (keys are case-sensitive, and a key the kind does not read is an error; values are strings, secrets as <c>${ENV_VAR}</c> references
/// expanded by <see cref="ExpandEnvironment(string)"/> before <see cref="Create"/>):
/// <list type="table">
/// <item><term><c>duckdb</c></term><description><c>path</c> (default <c>:memory:</c>) or <c>connectionString</c>;
/// optional <c>readOnly</c> (default <c>true</c>: a file opens read-only and must exist; <c>false</c> opens it for writes,
/// creating it when missing) and <c>threads</c> (DuckDB's worker threads; default one per core).</description></item>
/// <item><term><c>sqlite</c> (package <c>Chalk.Sqlite</c>)</term><description><c>path</c> (relative to the project folder) or <c>connectionString</c>;
/// optional <c>commandTimeoutSeconds</c>.</description></item>
/// <item><term>(<c>duckdb</c>, <c>sqlite</c>)</term><description>a <c>chalk.json</c> may also give <c>seed</c>, a script
/// that builds the <c>path</c>'s file when it is missing; the project applies it (<see cref="SourceSeeding"/>) and removes it
/// before calling <see cref="Create"/>.</description></item>
/// <item><term><c>postgres</c> (package <c>Chalk.Sources.PostgreSql</c>)</term><description><c>connectionString</c> (required, an Npgsql connection string);
/// optional <c>commandTimeoutSeconds</c>.</description></item>
/// <item><term><c>bigquery</c> (package <c>Chalk.Sources.BigQuery</c>)</term><description><c>projectId</c> (required); optional <c>location</c>,
/// <c>endpoint</c>, <c>credentials</c> (<c>default</c> = application default credentials, <c>none</c>,
/// <c>token</c>, or <c>keyFile</c>), <c>keyFile</c> (a service-account JSON key; implies service-account credentials),
/// <c>accessToken</c> (with <c>credentials: token</c>), <c>pageSize</c>, <c>timeoutSeconds</c>,
/// <c>maxConcurrentQueries</c>.</description></item>
/// </list>
/// </remarks>
public static class SqlSourceFactory
{
    /// <summary>The kinds <see cref="Create"/> understands: <see cref="SqlSourceProviders.Kinds"/>.</summary>
    public static IReadOnlyList<string> Kinds => SqlSourceProviders.Kinds;

    /// <summary>Creates a source of <paramref name="kind"/> from its settings.</summary>
    /// <param name="name">The source's name, for error messages.</param>
    /// <param name="kind">The kind: one of <see cref="Kinds"/>.</param>
    /// <param name="settings">The kind's settings (e.g. <c>path</c> for DuckDB), already free of <c>${ENV}</c> references.</param>
    /// <param name="baseDirectory">The folder relative paths are resolved against.</param>
    /// <exception cref="ChalkDefinitionException">The kind is unknown or its package is not referenced (the message names
    /// the package to add), or a required setting is missing or malformed.</exception>
    public static SqlSource Create(string name, string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(settings);
        var provider = SqlSourceProviders.Get(kind, name);
        var declaration = new SqlSourceDeclaration(name, kind, settings, baseDirectory);
        if (provider.SettingNames is { } known) declaration.RejectUnknown(known);
        return provider.Create(declaration);
    }

    /// <summary>Replaces every <c>${NAME}</c> in <paramref name="value"/> with environment variable <c>NAME</c>.</summary>
    /// <remarks><c>$${</c> stands for a literal <c>${</c>. Names are letters, digits and underscores. An empty
    /// variable expands to the empty string; an unset one is an error, so a missing secret is never sent as text.</remarks>
    /// <exception cref="ChalkDefinitionException">A referenced variable is not set, or a reference is not closed.</exception>
    public static string ExpandEnvironment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('$', StringComparison.Ordinal)) return value;
        var sb = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 2 < value.Length && value[i + 1] == '$' && value[i + 2] == '{')
            {
                sb.Append("${");
                i += 2;
            }
            else if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                int end = value.IndexOf('}', i + 2);
                if (end < 0) throw new ChalkDefinitionException($"unclosed environment reference '{value[i..]}'; write ${{NAME}}");
                var variable = value[(i + 2)..end];
                if (variable.Length == 0 || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                    throw new ChalkDefinitionException($"'${{{variable}}}' is not an environment variable reference; names are letters, digits and underscores");
                var resolved = Environment.GetEnvironmentVariable(variable)
                    ?? throw new ChalkDefinitionException($"environment variable '{variable}' is not set (referenced as ${{{variable}}} in the settings)");
                sb.Append(resolved);
                i = end;
            }
            else
            {
                sb.Append(value[i]);
            }
        }
        return sb.ToString();
    }

    /// <summary>Expands <c>${NAME}</c> references in every value of <paramref name="settings"/>.</summary>
    /// <exception cref="ChalkDefinitionException">A referenced variable is not set; the message names the setting and the variable.</exception>
    public static IReadOnlyDictionary<string, string> ExpandEnvironment(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var expanded = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            try
            {
                expanded[key] = ExpandEnvironment(value);
            }
            catch (ChalkDefinitionException ex)
            {
                throw new ChalkDefinitionException($"setting '{key}': {ex.Message}", inner: ex);
            }
        }
        return expanded;
    }
}
