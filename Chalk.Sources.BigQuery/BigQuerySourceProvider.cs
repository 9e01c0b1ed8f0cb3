[assembly: Chalk.ChalkProvider(typeof(Chalk.Sql.Sources.BigQuerySourceProvider))]

namespace Chalk.Sql.Sources;

/// <summary>The <c>bigquery</c> source kind: <c>projectId</c> (required); optional <c>location</c>, <c>endpoint</c>,
/// <c>credentials</c> (<c>default</c> = application default credentials, <c>none</c>, <c>token</c>, or <c>keyFile</c>),
/// <c>keyFile</c> (a service-account JSON key; implies service-account credentials), <c>accessToken</c> (with
/// <c>credentials: token</c>), <c>pageSize</c>, <c>timeoutSeconds</c>, <c>maxConcurrentQueries</c>.</summary>
public sealed class BigQuerySourceProvider : SqlSourceProvider
{
    /// <inheritdoc/>
    public override string Kind => "bigquery";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } =
        ["projectId", "location", "endpoint", "credentials", "keyFile", "accessToken", "pageSize", "timeoutSeconds", "maxConcurrentQueries"];

    /// <inheritdoc/>
    public override SqlSource Create(SqlSourceDeclaration source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var options = new BigQuerySourceOptions { ProjectId = source.Required("projectId") };
        if (source.Optional("location") is { } location) options.Location = location;
        if (source.Optional("endpoint") is { } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw source.Error($"setting 'endpoint' must be an http(s) URL, not '{endpoint}'");
            options.Endpoint = uri;
        }
        var written = source.Optional("credentials");
        var kind = written?.ToLowerInvariant() ?? (source.Settings.ContainsKey("keyFile") ? "keyfile" : "default");
        options.Credentials = kind switch
        {
            "default" => BigQueryCredentials.ApplicationDefault(),
            "none" => BigQueryCredentials.None,
            "token" => BigQueryCredentials.FromAccessToken(source.Required("accessToken")),
            "keyfile" => BigQueryCredentials.FromServiceAccountKeyFile(source.FullPath(source.Required("keyFile"))),
            _ => throw source.Error($"setting 'credentials' must be 'default', 'none', 'token' or 'keyFile', not '{written}'"),
        };
        if (source.PositiveInteger("pageSize") is int pageSize) options.PageSize = pageSize;
        if (source.Seconds("timeoutSeconds") is TimeSpan timeout) options.QueryTimeout = timeout;
        if (source.PositiveInteger("maxConcurrentQueries") is int concurrent) options.MaxConcurrentQueries = concurrent;
        return new BigQuerySource(options);
    }
}
