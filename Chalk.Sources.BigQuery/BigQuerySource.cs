using Apache.Arrow;
using Chalk.Sql.Arrow;

namespace Chalk.Sql.Sources;

/// <summary>Google BigQuery, through its REST API v2 (jobs.query and jobs.getQueryResults), as a resolver source.</summary>
/// <remarks>
/// <para>Each parameter row is one jobs.query request in GoogleSQL (<c>useLegacySql: false</c>) with named,
/// typed parameters: slot <c>i</c> renders as <c>@p{i+1}</c> and binds as INT64, FLOAT64, BOOL, STRING or TIMESTAMP.
/// When the job is not complete within <see cref="BigQuerySourceOptions.PollTimeout"/>, or the result has more
/// pages, the source calls jobs.getQueryResults until the job is complete and every page is read.</para>
/// <para>Many parameter rows run as separate jobs, at most <see cref="BigQuerySourceOptions.MaxConcurrentQueries"/>
/// at once. (GoogleSQL has no general <c>LATERAL</c> join, so an arbitrary resolver cannot be correlated with an
/// <c>UNNEST</c> of parameter structs the way the PostgreSQL source does it.)</para>
/// <para>Result columns map from the response schema: INTEGER/INT64 → int64, FLOAT/FLOAT64, NUMERIC, BIGNUMERIC →
/// float64, BOOLEAN/BOOL → bool, STRING → utf8, TIMESTAMP, DATETIME, DATE → timestamp[us] (UTC). Other types and
/// REPEATED columns are errors naming the column.</para>
/// <para>A batch of zero parameter rows runs no job and returns no rows and a schema of only <c>__chalk_row</c>.</para>
/// <para>HTTP 5xx, 429, <c>backendError</c>/<c>rateLimitExceeded</c>, network failures and timeouts are transient;
/// other error payloads (invalid query, authentication, permission) are not.</para>
/// </remarks>
public sealed partial class BigQuerySource : SqlSource
{
    private readonly BigQuerySourceOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _display;
    private readonly Uri _queriesUri;

    /// <summary>Creates a source from its options.</summary>
    /// <exception cref="ArgumentException">The project id is missing, or a size or timeout is not positive.</exception>
    public BigQuerySource(BigQuerySourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ProjectId, nameof(options) + "." + nameof(options.ProjectId));
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentNullException.ThrowIfNull(options.Credentials);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrentQueries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.QueryTimeout, TimeSpan.Zero);
        _options = options;
        _ownsHttp = options.HttpClient is null;
        _http = options.HttpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var root = options.Endpoint.AbsoluteUri.TrimEnd('/');
        _queriesUri = new Uri($"{root}/bigquery/v2/projects/{Uri.EscapeDataString(options.ProjectId)}/queries");
        _display = $"bigquery source '{options.ProjectId}'" + (options.Location is null ? "" : $" ({options.Location})");
    }

    /// <inheritdoc/>
    public override string Kind => "bigquery";

    /// <summary>Quotes an identifier with backticks, GoogleSQL's quoting.</summary>
    public override string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "`" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal) + "`";
    }

    /// <inheritdoc/>
    public override async Task<SqlResult> QueryAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.ColumnCount != query.Template.ParameterCount)
            throw new ArgumentException($"{query.Origin}: {parameters.ColumnCount} parameter columns for {query.Template.ParameterCount} slots", nameof(parameters));
        cancellationToken.ThrowIfCancellationRequested();
        int rows = query.Template.ParameterCount == 0 ? 1 : parameters.Length;
        // No parameter rows, no jobs: the columns are unknown without running one, so only the row column is reported.
        if (rows == 0) return new SqlResult(ResultBatchBuilder.SchemaOf([], []), []);
        var text = query.Template.Render(BigQueryTypes.ParameterName);
        var pages = new BigQueryPage[rows][];
        if (rows == 1)
        {
            pages[0] = await RunAsync(query, text, parameters, 0, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentQueries, CancellationToken = cancellationToken };
            await Parallel.ForAsync(0, rows, options, async (row, ct) =>
                pages[row] = await RunAsync(query, text, parameters, row, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        return BigQueryTypes.Build(query, _display, pages);
    }

    /// <inheritdoc/>
    /// <remarks>Always <see langword="null"/>: BigQuery's schema is known only once a job has run.</remarks>
    public override Task<Schema?> DescribeAsync(SqlQuery query, CancellationToken cancellationToken = default)
        => Task.FromResult<Schema?>(null);

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        if (_ownsHttp) _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
