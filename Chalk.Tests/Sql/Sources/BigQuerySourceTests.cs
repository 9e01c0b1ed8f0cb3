using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Sql.Sources;

/// <summary>The source contract against the fake REST endpoint, with small pages and one incomplete poll per job
/// so that every contract test also walks jobs.getQueryResults polling and paging.</summary>
public sealed class BigQuerySourceTests : SqlSourceContract
{
    private const string Token = "test-token";
    // Started from the contract's [OneTimeSetUp] and disposed in StopServer, a [OneTimeTearDown], which the analyzer cannot see through.
#pragma warning disable NUnit1032
    private FakeBigQueryServer? _server;
#pragma warning restore NUnit1032

    private FakeBigQueryServer Server => _server ?? throw new InvalidOperationException("not set up");

    protected override string SlowSql => "select /*never*/ 1 as x";

    protected override Task PrepareDatabaseAsync()
    {
        _server = new FakeBigQueryServer { IncompletePolls = 1, ExpectedToken = Token };
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(string sql)
    {
        Server.Execute(sql);
        return Task.CompletedTask;
    }

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(new BigQuerySource(Options()));

    private BigQuerySourceOptions Options(int pageSize = 2) => new()
    {
        ProjectId = Server.ProjectId,
        Location = Server.Location,
        Endpoint = Server.Endpoint,
        Credentials = BigQueryCredentials.FromAccessToken(Token),
        PageSize = pageSize,
        PollTimeout = TimeSpan.FromMilliseconds(200),
    };

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();

    [SetUp]
    public void ResetKnobs()
    {
        Server.IncompletePolls = 1;
        Server.ClearFailures();
        Server.Requests.Clear();
    }

    [Test]
    public async Task The_request_has_the_jobs_query_shape_with_typed_named_parameters()
    {
        var query = SqlText.Query("select id from t where id = {0} and small = {1} and name = {2} and score = {3} and flag = {4} and created = {5}",
            Int64Type.Default, Int32Type.Default, StringType.Default, DoubleType.Default, BooleanType.Default, Chalk.Sql.Arrow.ArrowTypes.Timestamp);
        var parameters = SqlText.Batch(
            new Int64Array.Builder().Append(8).Build(),
            new Int32Array.Builder().AppendNull().Build(),
            new StringArray.Builder().Append("n8").Build(),
            new DoubleArray.Builder().Append(12.0).Build(),
            new BooleanArray.Builder().Append(true).Build(),
            SqlText.Timestamp(Created(8)));
        using var _ = await Source.QueryAsync(query, parameters);

        var post = Server.Requests.First();
        Assert.That(post.Method, Is.EqualTo("POST"));
        Assert.That(post.Path, Is.EqualTo("/bigquery/v2/projects/test-project/queries"));
        Assert.That(post.Authorization, Is.EqualTo("Bearer " + Token));
        Assert.That(post.ContentType, Does.StartWith("application/json"));
        var body = post.Body!.Value;
        Assert.That(body.GetProperty("query").GetString(), Does.Contain("where id = @p1 and small = @p2"));
        Assert.That(body.GetProperty("useLegacySql").GetBoolean(), Is.False);
        Assert.That(body.GetProperty("parameterMode").GetString(), Is.EqualTo("NAMED"));
        Assert.That(body.GetProperty("maxResults").GetInt32(), Is.EqualTo(2));
        Assert.That(body.GetProperty("timeoutMs").GetInt32(), Is.EqualTo(200));
        Assert.That(body.GetProperty("location").GetString(), Is.EqualTo("US"));
        var ps = body.GetProperty("queryParameters").EnumerateArray().ToList();
        Assert.That(ps.Select(p => p.GetProperty("name").GetString()), Is.EqualTo(new[] { "p1", "p2", "p3", "p4", "p5", "p6" }));
        Assert.That(ps.Select(p => p.GetProperty("parameterType").GetProperty("type").GetString()),
            Is.EqualTo(new[] { "INT64", "INT64", "STRING", "FLOAT64", "BOOL", "TIMESTAMP" }));
        Assert.That(ps[0].GetProperty("parameterValue").GetProperty("value").GetString(), Is.EqualTo("8"));
        Assert.That(ps[1].GetProperty("parameterValue").TryGetProperty("value", out JsonElement _), Is.False, "NULL is a parameterValue without a value");
        Assert.That(ps[4].GetProperty("parameterValue").GetProperty("value").GetString(), Is.EqualTo("true"));
        Assert.That(ps[5].GetProperty("parameterValue").GetProperty("value").GetString(), Is.EqualTo("2024-03-01 00:08:00.123456+00:00"));
    }

    [Test]
    public async Task Incomplete_jobs_are_polled_and_every_page_is_read_in_order()
    {
        Server.IncompletePolls = 2;
        var query = SqlText.Query("select id, name from t where id < {0} order by id", Int64Type.Default);
        await using var source = new BigQuerySource(Options(pageSize: 3));
        using var result = await source.QueryAsync(query, SqlText.Longs(10));
        Assert.That(SqlText.Rows(result).Select(r => r.Values[0]), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (object)(long)i)));

        var requests = Server.Requests.ToList();
        Assert.That(requests.Select(r => r.Method), Is.EqualTo(new[] { "POST", "GET", "GET", "GET", "GET", "GET" }));
        Assert.That(requests.Skip(1).Take(2).Select(r => r.Query.ContainsKey("pageToken")), Is.All.False, "polls before completion carry no page token");
        Assert.That(requests.Skip(3).Select(r => r.Query.ContainsKey("pageToken")), Is.All.True, "pages 2..4 are fetched by token");
        Assert.That(requests.Skip(1).Select(r => r.Query["location"]), Is.All.EqualTo("US"));
        Assert.That(requests.Skip(1).Select(r => r.Path), Is.All.Match("^/bigquery/v2/projects/test-project/queries/job_"));
    }

    [TestCase(503, "backendError", true)]
    [TestCase(429, "rateLimitExceeded", true)]
    [TestCase(500, "internalError", true)]
    [TestCase(403, "accessDenied", false)]
    [TestCase(404, "notFound", false)]
    public async Task Error_payloads_become_resolver_errors_with_transience_by_status(int status, string reason, bool transient)
    {
        Server.FailNext(status, reason, "something went wrong");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => Source.QueryAsync(AllColumns(), SqlText.Longs(1)));
        Assert.That(ex!.IsTransient, Is.EqualTo(transient));
        Assert.That(ex.Message, Does.Contain("test.chalk.sql").And.Contain("bigquery").And.Contain("something went wrong"));
        var inner = (BigQueryException)ex.InnerException!;
        Assert.That((inner.StatusCode, inner.Reason), Is.EqualTo((status, reason)));
    }

    [Test]
    public async Task A_failure_while_polling_fails_the_query()
    {
        Server.IncompletePolls = 1;
        Server.FailNextPoll(503, "backendError");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => Source.QueryAsync(SqlText.Query("select 1 as x"), SqlText.NoParameters()));
        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(Server.Requests.Select(r => r.Method), Is.EqualTo(new[] { "POST", "GET" }));
    }

    [Test]
    public async Task A_wrong_token_is_an_authentication_error_that_is_not_transient()
    {
        var options = Options();
        options.Credentials = BigQueryCredentials.FromAccessToken("wrong");
        await using var source = new BigQuerySource(options);
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(AllColumns(), SqlText.Longs(1)));
        Assert.That(ex!.IsTransient, Is.False);
        Assert.That(((BigQueryException)ex.InnerException!).StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task An_unreachable_endpoint_is_transient()
    {
        var options = Options();
        options.Endpoint = new Uri("http://127.0.0.1:1");
        await using var source = new BigQuerySource(options);
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(AllColumns(), SqlText.Longs(1)));
        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task A_job_that_never_finishes_times_out_transiently()
    {
        var options = Options();
        options.QueryTimeout = TimeSpan.FromMilliseconds(400);
        await using var source = new BigQuerySource(options);
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(SqlText.Query(SlowSql), SqlText.NoParameters()));
        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(ex.InnerException, Is.InstanceOf<TimeoutException>());
    }

    [Test]
    public async Task Identifiers_are_quoted_with_backticks()
    {
        Assert.That(Source.QuoteIdentifier("my`col"), Is.EqualTo("`my\\`col`"));
        var query = SqlText.Query($"select {Source.QuoteIdentifier("name")} from {Source.QuoteIdentifier("t")} where id = {{0}}", Int64Type.Default);
        using var result = await Source.QueryAsync(query, SqlText.Longs(5));
        Assert.That(SqlText.Rows(result).Single().Values[0], Is.EqualTo("n5"));
    }

    [Test]
    public async Task The_factory_builds_a_bigquery_source_pointed_at_the_endpoint()
    {
        Environment.SetEnvironmentVariable("CHALK_TEST_BQ_TOKEN", Token);
        var settings = SqlSourceFactory.ExpandEnvironment(new Dictionary<string, string>
        {
            ["projectId"] = Server.ProjectId,
            ["location"] = "US",
            ["endpoint"] = Server.Endpoint.ToString(),
            ["credentials"] = "token",
            ["accessToken"] = "${CHALK_TEST_BQ_TOKEN}",
            ["pageSize"] = "4",
        });
        await using var source = SqlSourceFactory.Create("warehouse", "bigquery", settings, ".");
        using var result = await source.QueryAsync(SqlText.Query("select id from t where id < 9 order by id"), SqlText.NoParameters());
        Assert.That(result.RowCount, Is.EqualTo(9));
    }

    [Test]
    public async Task A_service_account_key_file_is_exchanged_for_a_bearer_token_through_google_apis_auth()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = new
        {
            type = "service_account",
            project_id = Server.ProjectId,
            private_key_id = "test-key",
            private_key = rsa.ExportPkcs8PrivateKeyPem(),
            client_email = "chalk-test@test-project.iam.gserviceaccount.com",
            client_id = "1234567890",
            token_uri = Server.TokenUri.ToString(),
        };
        var path = Path.Combine(Path.GetTempPath(), $"chalk-sa-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(key));
        try
        {
            Server.ExpectedToken = Server.IssuedAccessToken;
            var options = Options();
            options.Credentials = BigQueryCredentials.FromServiceAccountKeyFile(path);
            await using var source = new BigQuerySource(options);
            using var result = await source.QueryAsync(AllColumns(), SqlText.Longs(3));
            Assert.That(SqlText.Rows(result).Single().Values[1], Is.EqualTo("n3"));
            Assert.That(Server.Requests.Where(r => r.Path != "/token").Select(r => r.Authorization), Is.All.EqualTo("Bearer " + Server.IssuedAccessToken));
        }
        finally
        {
            Server.ExpectedToken = Token;
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_missing_key_file_is_a_clear_non_transient_error()
    {
        var options = Options();
        options.Credentials = BigQueryCredentials.FromServiceAccountKeyFile("/nonexistent/key.json");
        await using var source = new BigQuerySource(options);
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(AllColumns(), SqlText.Longs(1)));
        Assert.That(ex!.IsTransient, Is.False);
        Assert.That(ex.Message, Does.Contain("/nonexistent/key.json").And.Contain("test.chalk.sql"));
    }
}
