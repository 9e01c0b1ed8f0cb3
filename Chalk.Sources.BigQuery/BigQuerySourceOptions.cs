namespace Chalk.Sql.Sources;

/// <summary>Where and how <see cref="BigQuerySource"/> runs queries.</summary>
public sealed class BigQuerySourceOptions
{
    /// <summary>The default REST endpoint.</summary>
    public static readonly Uri DefaultEndpoint = new("https://bigquery.googleapis.com");

    /// <summary>The Google Cloud project that runs (and is billed for) the query jobs. Required.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>The location jobs run in (<c>US</c>, <c>EU</c>, <c>europe-west4</c>, …); BigQuery infers it from the
    /// tables when <see langword="null"/>.</summary>
    public string? Location { get; set; }

    /// <summary>The REST endpoint root; requests go to <c>{Endpoint}/bigquery/v2/projects/{ProjectId}/queries</c>.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The bearer-token supplier; <see cref="BigQueryCredentials.ApplicationDefault"/> by default.</summary>
    public BigQueryCredentials Credentials { get; set; } = BigQueryCredentials.ApplicationDefault();

    /// <summary>Rows per page (<c>maxResults</c>) of jobs.query and jobs.getQueryResults. Default 10,000.</summary>
    public int PageSize { get; set; } = 10_000;

    /// <summary>How long one request waits on the server for the job to finish (<c>timeoutMs</c>). Default 10 s.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one parameter row's query may take in total, polls and pages included, before it fails
    /// with a transient timeout. Default 5 minutes.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many parameter rows' jobs run at once. Default 8.</summary>
    public int MaxConcurrentQueries { get; set; } = 8;

    /// <summary>The client to send requests with, which the caller keeps owning; a new one when <see langword="null"/>.</summary>
    public HttpClient? HttpClient { get; set; }
}
