using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Apache.Arrow;

namespace Chalk.Sql.Sources;

public sealed partial class BigQuerySource
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json") { CharSet = "utf-8" };

    // One parameter row: jobs.query, then jobs.getQueryResults until the job is complete and every page is read.
    private async Task<BigQueryPage[]> RunAsync(SqlQuery query, string text, RecordBatch parameters, int row, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.QueryTimeout);
        try
        {
            var body = BigQueryTypes.QueryRequest(text, query, parameters, row, _options);
            var response = await SendAsync(query, HttpMethod.Post, _queriesUri, body, deadline.Token).ConfigureAwait(false);
            var location = response.Location ?? _options.Location;
            while (!response.JobComplete)
                response = await SendAsync(query, HttpMethod.Get, ResultsUri(query, response, location, null), null, deadline.Token).ConfigureAwait(false);
            var pages = new List<BigQueryPage> { response.Page };
            while (response.PageToken is { } token)
            {
                response = await SendAsync(query, HttpMethod.Get, ResultsUri(query, response, location, token), null, deadline.Token).ConfigureAwait(false);
                pages.Add(response.Page);
            }
            return pages.ToArray();
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new ChalkResolverException(
                $"{query.Origin}: {_display} timed out after {_options.QueryTimeout.TotalSeconds:0.###} s (transient, retry may succeed)",
                isTransient: true, new TimeoutException("the BigQuery job did not finish within the query timeout", ex));
        }
    }

    private Uri ResultsUri(SqlQuery query, BigQueryResponse response, string? location, string? pageToken)
    {
        if (response.JobId is null)
            throw new ChalkResolverException($"{query.Origin}: {_display} answered without a jobReference.jobId, so its results cannot be fetched", false);
        var uri = new System.Text.StringBuilder(_queriesUri.AbsoluteUri).Append('/').Append(Uri.EscapeDataString(response.JobId))
            .Append("?maxResults=").Append(_options.PageSize.ToString(CultureInfo.InvariantCulture))
            .Append("&timeoutMs=").Append(((long)_options.PollTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        if (location is not null) uri.Append("&location=").Append(Uri.EscapeDataString(location));
        if (pageToken is not null) uri.Append("&pageToken=").Append(Uri.EscapeDataString(pageToken));
        return new Uri(uri.ToString());
    }

    private async Task<BigQueryResponse> SendAsync(SqlQuery query, HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken)
    {
        string? token;
        try
        {
            token = await _options.Credentials.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            bool transient = ex is HttpRequestException or TimeoutException;
            throw new ChalkResolverException(
                $"{query.Origin}: {_display} could not get an access token from {_options.Credentials.Description}: {ex.Message}", transient, ex);
        }
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = s_json } };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        byte[] payload;
        int status;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw SourceErrors.Failed(query, _display, isTransient: true, ex);
        }
        if (status is < 200 or > 299) throw BigQueryTypes.ErrorFrom(query, _display, status, payload);
        try
        {
            return BigQueryResponse.Parse(payload);
        }
        catch (JsonException ex)
        {
            throw SourceErrors.Failed(query, _display, isTransient: false, new BigQueryException(status, null, null, "malformed response: " + ex.Message, ex));
        }
    }
}
