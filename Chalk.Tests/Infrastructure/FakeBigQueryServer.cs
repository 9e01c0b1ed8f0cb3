using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chalk.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP server speaking the subset of BigQuery's REST API v2 that <c>BigQuerySource</c> uses,
/// answering the SQL from an in-memory DuckDB database.
/// </summary>
/// <remarks>
/// <para>Implemented: <c>POST /bigquery/v2/projects/{project}/queries</c> (jobs.query) and
/// <c>GET /bigquery/v2/projects/{project}/queries/{jobId}</c> (jobs.getQueryResults) with <c>location</c>,
/// <c>pageToken</c>, <c>maxResults</c> and <c>timeoutMs</c>. Requests are validated as BigQuery would
/// (GoogleSQL only, named parameters with scalar types, every <c>@name</c> bound, known page tokens, matching
/// location), and a violation is answered with a 400 error payload so the test sees it.</para>
/// <para>Responses follow the real shapes: <c>jobReference</c>, <c>jobComplete</c>, <c>schema.fields</c> with the
/// legacy type names (INTEGER, FLOAT, BOOLEAN, STRING, TIMESTAMP), <c>rows[].f[].v</c> as strings (TIMESTAMP as
/// E-notation seconds), <c>totalRows</c> as a string, <c>pageToken</c> while rows remain, and
/// <c>{"error":{"code","message","errors":[{"reason"}],"status"}}</c> payloads.</para>
/// <para>Test knobs: <see cref="IncompletePolls"/> (a job reports <c>jobComplete:false</c> that many times first),
/// <see cref="ExpectedToken"/> (401 without it), <see cref="FailNext"/> (inject error responses), and a query
/// containing <c>/*never*/</c> never completes.</para>
/// </remarks>
public sealed partial class FakeBigQueryServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly DuckDB.NET.Data.DuckDBConnection _db = new("Data Source=:memory:");
    private readonly Lock _dbLock = new();
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly ConcurrentQueue<(int Status, string Reason, string Message)> _failures = new();
    private readonly ConcurrentQueue<(int Status, string Reason, string Message)> _pollFailures = new();
    private readonly Task _loop;
    private int _nextJob;

    /// <summary>Starts the server on a free port of 127.0.0.1.</summary>
    public FakeBigQueryServer(string projectId = "test-project", string? location = "US")
    {
        ProjectId = projectId;
        Location = location;
        _db.Open();
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The project the server answers for; others get 404.</summary>
    public string ProjectId { get; }

    /// <summary>The location reported in job references; <c>getQueryResults</c> must pass it back.</summary>
    public string? Location { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The endpoint to give the source.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>How many polls each job answers <c>jobComplete:false</c> before completing.</summary>
    public int IncompletePolls { get; set; }

    /// <summary>When set, requests without <c>Authorization: Bearer {token}</c> get 401.</summary>
    public string? ExpectedToken { get; set; }

    /// <summary>The access token <c>POST /token</c> hands out for a valid service-account JWT assertion.</summary>
    public string IssuedAccessToken { get; } = "sa-" + Guid.NewGuid().ToString("N");

    /// <summary>The OAuth token endpoint to put in a service-account key file's <c>token_uri</c>.</summary>
    public Uri TokenUri => new($"http://127.0.0.1:{Port}/token");

    /// <summary>Every request seen, in order of arrival.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answers the next request with an error payload of this status and reason.</summary>
    public void FailNext(int status, string reason, string message = "injected failure")
        => _failures.Enqueue((status, reason, message));

    /// <summary>Answers the next jobs.getQueryResults request with an error payload.</summary>
    public void FailNextPoll(int status, string reason, string message = "injected failure while polling")
        => _pollFailures.Enqueue((status, reason, message));

    /// <summary>Forgets injected failures that no request has consumed.</summary>
    public void ClearFailures()
    {
        _failures.Clear();
        _pollFailures.Clear();
    }

    /// <summary>Runs SQL against the backing DuckDB database (to create and fill tables).</summary>
    public void Execute(string sql)
    {
        lock (_dbLock)
        {
            using var command = _db.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _db.Dispose();
    }

    /// <summary>A request as the server received it.</summary>
    public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string? Authorization, string? ContentType, JsonElement? Body);

    private sealed class Job(string id, string? location, List<string> fields, List<string?[]> rows, List<string> types, int incompletePolls, bool never)
    {
        public string Id { get; } = id;
        public string? Location { get; } = location;
        public List<string> Fields { get; } = fields;
        public List<string> Types { get; } = types;
        public List<string?[]> Rows { get; } = rows;
        public int RemainingIncomplete { get; set; } = incompletePolls;
        public bool Never { get; } = never;
        public HashSet<string> IssuedTokens { get; } = [];
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        int status;
        string body;
        try
        {
            (status, body) = await AnswerAsync(context.Request);
        }
        catch (FakeError e)
        {
            (status, body) = (e.Status, ErrorPayload(e.Status, e.Reason, e.Message));
        }
        catch (Exception e)
        {
            (status, body) = (500, ErrorPayload(500, "internalError", "fake server bug: " + e));
        }
        try
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=UTF-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away (a cancelled request).
        }
    }

    private async Task<(int, string)> AnswerAsync(HttpListenerRequest request)
    {
        string? text = null;
        if (request.HasEntityBody)
        {
            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            text = await reader.ReadToEndAsync();
        }
        JsonElement? json = null;
        if (text is not null && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try { json = JsonDocument.Parse(text).RootElement.Clone(); }
            catch (JsonException e) { throw new FakeError(400, "parseError", "Invalid JSON payload received. " + e.Message); }
        }
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string? key in request.QueryString.AllKeys)
            if (key is not null) query[key] = request.QueryString[key]!;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue(new RecordedRequest(request.HttpMethod, path, query, request.Headers["Authorization"], request.ContentType, json));

        if (request.HttpMethod == "POST" && path == "/token") return TokenExchange(text ?? "");
        if (_failures.TryDequeue(out var failure)) throw new FakeError(failure.Status, failure.Reason, failure.Message);
        if (request.HttpMethod == "GET" && _pollFailures.TryDequeue(out failure)) throw new FakeError(failure.Status, failure.Reason, failure.Message);
        if (ExpectedToken is not null && request.Headers["Authorization"] != "Bearer " + ExpectedToken)
            throw new FakeError(401, "required", "Request is missing required authentication credential. Expected OAuth 2 access token.", "UNAUTHENTICATED");

        var m = QueriesPath().Match(path);
        if (!m.Success) throw new FakeError(404, "notFound", $"Not found: {request.HttpMethod} {path}", "NOT_FOUND");
        if (Uri.UnescapeDataString(m.Groups["project"].Value) != ProjectId)
            throw new FakeError(404, "notFound", $"Not found: Project {m.Groups["project"].Value}", "NOT_FOUND");
        var jobId = m.Groups["job"].Success ? Uri.UnescapeDataString(m.Groups["job"].Value) : null;
        return (request.HttpMethod, jobId) switch
        {
            ("POST", null) => (200, await JobsQueryAsync(request, json)),
            ("GET", { } id) => (200, await GetQueryResultsAsync(id, query)),
            _ => throw new FakeError(405, "invalid", $"{request.HttpMethod} is not allowed on {path}"),
        };
    }

    private async Task<string> JobsQueryAsync(HttpListenerRequest request, JsonElement? body)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new FakeError(400, "invalid", $"Content-Type must be application/json, not '{request.ContentType}'");
        if (body is not { ValueKind: JsonValueKind.Object } b) throw new FakeError(400, "invalid", "jobs.query needs a JSON object body");
        var sql = b.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString()! : throw new FakeError(400, "required", "Required parameter is missing: query");
        if (!b.TryGetProperty("useLegacySql", out var legacy) || legacy.ValueKind != JsonValueKind.False)
            throw new FakeError(400, "invalidQuery", "the fake only speaks GoogleSQL: send useLegacySql: false explicitly");
        var parameters = ReadParameters(b, sql);
        int maxResults = PositiveInt(b, "maxResults") ?? int.MaxValue;
        int timeoutMs = PositiveInt(b, "timeoutMs") ?? 10_000;
        var location = b.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : Location;
        if (Location is not null && location != Location) throw new FakeError(404, "notFound", $"Not found: Dataset in location {location}", "NOT_FOUND");

        var (fields, types, rows) = Run(sql, parameters);
        var job = new Job($"job_{Interlocked.Increment(ref _nextJob)}_{Guid.NewGuid():N}", Location, fields, rows, types, IncompletePolls, sql.Contains("/*never*/", StringComparison.Ordinal));
        _jobs[job.Id] = job;
        if (job.Never || job.RemainingIncomplete > 0)
        {
            job.RemainingIncomplete--;
            await Task.Delay(Math.Min(timeoutMs, 20));
            return Incomplete(job, "bigquery#queryResponse");
        }
        return Page(job, 0, maxResults, "bigquery#queryResponse");
    }

    private async Task<string> GetQueryResultsAsync(string jobId, Dictionary<string, string> query)
    {
        if (!_jobs.TryGetValue(jobId, out var job)) throw new FakeError(404, "notFound", $"Not found: Job {ProjectId}:{jobId}", "NOT_FOUND");
        query.TryGetValue("location", out var location);
        if (job.Location is not null && location != job.Location)
            throw new FakeError(404, "notFound", $"Not found: Job {ProjectId}:{jobId} (location '{location}' does not match the job's '{job.Location}')", "NOT_FOUND");
        int maxResults = query.TryGetValue("maxResults", out var mr) ? ParsePositive("maxResults", mr) : int.MaxValue;
        int timeoutMs = query.TryGetValue("timeoutMs", out var tm) ? ParsePositive("timeoutMs", tm) : 10_000;
        if (job.Never || job.RemainingIncomplete > 0)
        {
            if (query.ContainsKey("pageToken")) throw new FakeError(400, "invalid", "pageToken given for a job that is not complete");
            job.RemainingIncomplete--;
            await Task.Delay(Math.Min(timeoutMs, 20));
            return Incomplete(job, "bigquery#getQueryResultsResponse");
        }
        int offset = 0;
        if (query.TryGetValue("pageToken", out var token))
        {
            if (!job.IssuedTokens.Contains(token)) throw new FakeError(400, "invalid", $"Invalid page token: {token}");
            offset = int.Parse(token.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return Page(job, offset, maxResults, "bigquery#getQueryResultsResponse");
    }

    // Google's OAuth 2.0 JWT-bearer grant: the assertion's claims must ask for the BigQuery scope, addressed to
    // Google's token audience (which Google.Apis.Auth uses whatever the key file's token_uri says).
    // (The signature is not checked: the fake has no business knowing the key.)
    private (int, string) TokenExchange(string form)
    {
        try
        {
            return (200, IssueToken(form));
        }
        catch (FakeError e)
        {
            return (400, JsonSerializer.Serialize(new { error = e.Reason, error_description = e.Message }));
        }
    }

    private string IssueToken(string form)
    {
        var fields = form.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));
        if (fields.GetValueOrDefault("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer")
            throw new FakeError(400, "unsupported_grant_type", "grant_type must be the JWT bearer grant");
        var parts = fields.GetValueOrDefault("assertion", "").Split('.');
        if (parts.Length != 3) throw new FakeError(400, "invalid_grant", "assertion is not a JWT");
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        var scope = claims.RootElement.TryGetProperty("scope", out var sc) ? sc.GetString() : null;
        var audience = claims.RootElement.TryGetProperty("aud", out var aud) ? aud.GetString() : null;
        if (scope != "https://www.googleapis.com/auth/bigquery") throw new FakeError(400, "invalid_scope", $"unexpected scope '{scope}'");
        if (audience != "https://oauth2.googleapis.com/token") throw new FakeError(400, "invalid_grant", $"unexpected audience '{audience}'");
        return JsonSerializer.Serialize(new { access_token = IssuedAccessToken, expires_in = 3600, token_type = "Bearer" });
    }

    private string Incomplete(Job job, string kind) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["kind"] = kind,
        ["jobReference"] = JobReference(job),
        ["jobComplete"] = false,
    });

    private string Page(Job job, int offset, int maxResults, string kind)
    {
        int count = Math.Min(maxResults, job.Rows.Count - offset);
        var response = new Dictionary<string, object?>
        {
            ["kind"] = kind,
            ["schema"] = new { fields = job.Fields.Select((f, i) => new { name = f, type = job.Types[i], mode = "NULLABLE" }) },
            ["jobReference"] = JobReference(job),
            ["totalRows"] = job.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["rows"] = job.Rows.Skip(offset).Take(count).Select(r => new { f = r.Select(v => new { v }) }),
            ["jobComplete"] = true,
            ["cacheHit"] = false,
        };
        if (offset + count < job.Rows.Count)
        {
            var token = $"{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}:{offset + count}";
            lock (job.IssuedTokens) job.IssuedTokens.Add(token);
            response["pageToken"] = token;
        }
        return JsonSerializer.Serialize(response);
    }

    private object JobReference(Job job) => job.Location is null
        ? new { projectId = ProjectId, jobId = job.Id }
        : new { projectId = ProjectId, jobId = job.Id, location = job.Location };

    private static string ErrorPayload(int code, string reason, string message, string? status = null) => JsonSerializer.Serialize(new
    {
        error = new
        {
            code,
            message,
            errors = new[] { new { message, domain = "global", reason } },
            status = status ?? code switch { 400 => "INVALID_ARGUMENT", 401 => "UNAUTHENTICATED", 403 => "PERMISSION_DENIED", 404 => "NOT_FOUND", 429 => "RESOURCE_EXHAUSTED", 503 => "UNAVAILABLE", _ => "INTERNAL" },
        },
    });

    private static int? PositiveInt(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0) return n;
        if (v.ValueKind == JsonValueKind.String) return ParsePositive(name, v.GetString()!);
        throw new FakeError(400, "invalid", $"Invalid value for {name}: {v.GetRawText()}");
    }

    private static int ParsePositive(string name, string text)
        => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw new FakeError(400, "invalid", $"Invalid value for {name}: {text}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^/bigquery/v2/projects/(?<project>[^/]+)/queries(/(?<job>[^/]+))?$")]
    private static partial Regex QueriesPath();

    private sealed class FakeError(int status, string reason, string message, string? canonical = null) : Exception(message)
    {
        public int Status { get; } = status;
        public string Reason { get; } = reason;
        public string? Canonical { get; } = canonical;
    }
}
