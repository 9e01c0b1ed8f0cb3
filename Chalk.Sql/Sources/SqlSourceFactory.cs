using System.Globalization;
using System.Text;

namespace Chalk.Sql.Sources;

/// <summary>Creates sources from a kind name and settings, as a project's <c>chalk.json</c> declares them.</summary>
/// <remarks>
/// Settings per kind (keys are case-sensitive; values are strings, secrets as <c>${ENV_VAR}</c> references
/// expanded by <see cref="ExpandEnvironment(string)"/> before <see cref="Create"/>):
/// <list type="table">
/// <item><term><c>duckdb</c></term><description><c>path</c> (default <c>:memory:</c>) or <c>connectionString</c>;
/// optional <c>readOnly</c> (default <c>true</c>: a file opens read-only and must exist; <c>false</c> opens it for writes,
/// creating it when missing).</description></item>
/// <item><term><c>sqlite</c></term><description><c>path</c> (relative to the project folder) or <c>connectionString</c>;
/// optional <c>commandTimeoutSeconds</c>.</description></item>
/// <item><term>(<c>duckdb</c>, <c>sqlite</c>)</term><description>a <c>chalk.json</c> may also give <c>seed</c>, a script
/// that builds the <c>path</c>'s file when it is missing; the project applies it (<see cref="SourceSeeding"/>) and removes it
/// before calling <see cref="Create"/>.</description></item>
/// <item><term><c>postgres</c></term><description><c>connectionString</c> (required, an Npgsql connection string);
/// optional <c>commandTimeoutSeconds</c>.</description></item>
/// <item><term><c>bigquery</c></term><description><c>projectId</c> (required); optional <c>location</c>,
/// <c>endpoint</c>, <c>credentials</c> (<c>default</c> = application default credentials, <c>none</c>,
/// <c>token</c>, or <c>keyFile</c>), <c>keyFile</c> (a service-account JSON key; implies service-account credentials),
/// <c>accessToken</c> (with <c>credentials: token</c>), <c>pageSize</c>, <c>timeoutSeconds</c>,
/// <c>maxConcurrentQueries</c>.</description></item>
/// </list>
/// </remarks>
public static class SqlSourceFactory
{
    /// <summary>The kinds <see cref="Create"/> understands.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["duckdb", "sqlite", "postgres", "bigquery"];

    /// <summary>Creates a source of <paramref name="kind"/> from its settings.</summary>
    /// <param name="name">The source's name, for error messages.</param>
    /// <param name="kind">The kind: one of <see cref="Kinds"/>.</param>
    /// <param name="settings">The kind's settings (e.g. <c>path</c> for DuckDB), already free of <c>${ENV}</c> references.</param>
    /// <param name="baseDirectory">The folder relative paths are resolved against.</param>
    /// <exception cref="ChalkDefinitionException">The kind is unknown or a required setting is missing or malformed.</exception>
    public static SqlSource Create(string name, string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(settings);
        switch (kind.ToLowerInvariant())
        {
            case "duckdb":
                return DuckDb(name, settings, baseDirectory);
            case "sqlite":
            {
                var timeout = Seconds(name, settings, "commandTimeoutSeconds");
                if (settings.TryGetValue("connectionString", out var cs)) return new SqliteSource(cs, timeout);
                var path = Required(name, kind, settings, "path");
                if (path != ":memory:") path = Path.GetFullPath(Path.Combine(baseDirectory, path));
                return new SqliteSource("Data Source=" + path, timeout);
            }
            case "postgres":
                return new PostgresSource(Required(name, kind, settings, "connectionString"), Seconds(name, settings, "commandTimeoutSeconds"));
            case "bigquery":
                return new BigQuerySource(BigQueryOptions(name, settings, baseDirectory));
            default:
                throw new ChalkDefinitionException(
                    $"source '{name}' has unknown kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");
        }
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

    // A file opens read-only unless "readOnly": "false" asks for writes, so that any number of processes can query it at
    // once (a writable open takes DuckDB's exclusive file lock), and a mistyped path is an error instead of a new empty
    // database.
    private static DuckDbSource DuckDb(string name, IReadOnlyDictionary<string, string> settings, string baseDirectory)
    {
        bool? readOnly = settings.TryGetValue("readOnly", out var text)
            ? text.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw new ChalkDefinitionException($"source '{name}': setting 'readOnly' must be 'true' or 'false', not '{text}'"),
            }
            : null;
        try
        {
            if (settings.TryGetValue("connectionString", out var cs))
                return readOnly is bool explicitMode ? new DuckDbSource(cs, explicitMode) : new DuckDbSource(cs);
        }
        catch (ArgumentException ex)
        {
            throw new ChalkDefinitionException($"source '{name}': setting 'connectionString': {ex.Message}", inner: ex);
        }
        var path = settings.TryGetValue("path", out var p) ? p : ":memory:";
        if (path == ":memory:") return new DuckDbSource("Data Source=:memory:");
        path = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (readOnly != false && !File.Exists(path))
            throw new ChalkDefinitionException(
                $"source '{name}': DuckDB database file '{path}' does not exist. A read-only source never creates its file: check " +
                "'path' (relative to the project folder), add a \"seed\" script that builds it, or set \"readOnly\": \"false\" to start an empty database");
        return new DuckDbSource("Data Source=" + path, readOnly ?? true);
    }

    private static BigQuerySourceOptions BigQueryOptions(string name, IReadOnlyDictionary<string, string> settings, string baseDirectory)
    {
        var options = new BigQuerySourceOptions { ProjectId = Required(name, "bigquery", settings, "projectId") };
        if (settings.TryGetValue("location", out var location)) options.Location = location;
        if (settings.TryGetValue("endpoint", out var endpoint))
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ChalkDefinitionException($"source '{name}': setting 'endpoint' must be an http(s) URL, not '{endpoint}'");
            options.Endpoint = uri;
        }
        var kind = settings.TryGetValue("credentials", out var c) ? c.ToLowerInvariant() : settings.ContainsKey("keyFile") ? "keyfile" : "default";
        options.Credentials = kind switch
        {
            "default" => BigQueryCredentials.ApplicationDefault(),
            "none" => BigQueryCredentials.None,
            "token" => BigQueryCredentials.FromAccessToken(Required(name, "bigquery", settings, "accessToken")),
            "keyfile" => BigQueryCredentials.FromServiceAccountKeyFile(
                Path.GetFullPath(Path.Combine(baseDirectory, Required(name, "bigquery", settings, "keyFile")))),
            _ => throw new ChalkDefinitionException(
                $"source '{name}': setting 'credentials' must be 'default', 'none', 'token' or 'keyFile', not '{c}'"),
        };
        if (Integer(name, settings, "pageSize") is int pageSize) options.PageSize = pageSize;
        if (Seconds(name, settings, "timeoutSeconds") is TimeSpan timeout) options.QueryTimeout = timeout;
        if (Integer(name, settings, "maxConcurrentQueries") is int concurrent) options.MaxConcurrentQueries = concurrent;
        return options;
    }

    private static string Required(string name, string kind, IReadOnlyDictionary<string, string> settings, string key)
        => settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v)
            ? v
            : throw new ChalkDefinitionException($"source '{name}' of kind '{kind}' needs setting '{key}'");

    private static TimeSpan? Seconds(string name, IReadOnlyDictionary<string, string> settings, string key)
        => Integer(name, settings, key) is int n ? TimeSpan.FromSeconds(n) : null;

    private static int? Integer(string name, IReadOnlyDictionary<string, string> settings, string key)
    {
        if (!settings.TryGetValue(key, out var text)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw new ChalkDefinitionException($"source '{name}': setting '{key}' must be a positive whole number, not '{text}'");
    }
}
