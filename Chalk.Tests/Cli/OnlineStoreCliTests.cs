using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Chalk.Cli;
using Chalk.Tests.Engine.Support;

namespace Chalk.Tests.Cli;

/// <summary><c>chalk materialize</c> and the online store in <c>chalk query</c>, on a copy of the bundled example: where
/// each value came from, staleness overrides, a store kept in a SQLite file across runs, and a Redis that is down.</summary>
public sealed class OnlineStoreCliTests
{
    private static readonly string[] s_userCounts = ["--out", "user.review_count", "--out", "user.purchase_count"];

    private string _project = null!;

    [OneTimeSetUp]
    public void CopyExample()
    {
        _project = Directory.CreateTempSubdirectory("chalk-store-cli-").FullName;
        foreach (var f in Directory.EnumerateFiles(Repository.Marketplace).Where(f => f.EndsWith(".sql", StringComparison.Ordinal)))
            File.Copy(f, Path.Combine(_project, Path.GetFileName(f)));
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(_project, true);

    // Each test writes its own chalk.json; the DuckDB and SQLite files are seeded by the first and shared.
    private void UseStore(string? onlineStore) => File.WriteAllText(Path.Combine(_project, "chalk.json"),
        """{ "features": ["Chalk.Examples"], "sources": { "marketplace": { "kind": "duckdb", "path": "marketplace.duckdb", "seed": "seed.sql" },"""
        + """ "catalog": { "kind": "sqlite", "path": "catalog.sqlite", "seed": "catalog.sql" } }"""
        + (onlineStore is null ? "" : $", \"onlineStore\": {onlineStore}") + " }");

    private string UseSqliteStore()
    {
        var file = $"online-{Guid.NewGuid():N}.db";
        UseStore($$"""{ "kind": "sqlite", "path": "{{file}}" }""");
        return Path.Combine(_project, file);
    }

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.InProjectAsync(_project, args);

    [Test]
    public async Task Materialize_writes_every_row_of_the_class_and_a_later_query_reads_them_from_the_sqlite_file()
    {
        var file = UseSqliteStore();
        var (code, output, error) = await RunAsync(["materialize", .. s_userCounts]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Is.EqualTo($"online store  sqlite {file}\nrows          2000 (every user)\nwritten       4000 values\n"));

        (code, output, error) = await RunAsync(["query", "--in", "user.id=5", .. s_userCounts, "--out", "user.display_name"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var lines = output.TrimEnd().Split('\n');
        Assert.That(lines[0], Does.Match(@"^feature\s+value\s+source$"));
        Assert.That(lines[1], Does.Match(@"^user\.review_count\s+10\s+online store \(age \d+(ms|\.?\d*s)\)$"));
        Assert.That(lines[2], Does.Match(@"^user\.purchase_count\s+5\s+online store \(age "));
        Assert.That(lines[3], Does.Match(@"^user\.display_name\s+Barbara Hopper \(@barbara_5\)\s+resolver$"));
        Assert.That(lines[4], Is.EqualTo($"online store: sqlite {file}, 2 hits, 0 misses"));
    }

    [Test]
    public async Task Query_json_says_where_each_value_came_from_and_how_the_store_answered()
    {
        UseSqliteStore();
        var (code, _, error) = await RunAsync("materialize", "--in", "user.id=5", "--out", "user.review_count");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var before = DateTimeOffset.UtcNow;
        (code, var output, error) = await RunAsync(["query", "--in", "user.id=5", "--in", "user.username=someone", .. s_userCounts, "--out", "user.username", "--json"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using var doc = JsonDocument.Parse(output);
        var sources = doc.RootElement.GetProperty("sources");
        var stored = sources.GetProperty("user.review_count");
        Assert.That(stored.GetProperty("origin").GetString(), Is.EqualTo("online store"));
        Assert.That(stored.GetProperty("computed_at").GetDateTimeOffset(), Is.LessThanOrEqualTo(before));
        Assert.That(stored.GetProperty("age_seconds").GetDouble(), Is.GreaterThanOrEqualTo(0.0));
        Assert.That(sources.GetProperty("user.purchase_count").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "origin" }));
        Assert.That(sources.GetProperty("user.purchase_count").GetProperty("origin").GetString(), Is.EqualTo("resolver"));
        Assert.That(sources.GetProperty("user.username").GetProperty("origin").GetString(), Is.EqualTo("input"));
        var store = doc.RootElement.GetProperty("store");
        Assert.That(store.GetProperty("state").GetString(), Is.EqualTo("available"));
        Assert.That(store.GetProperty("name").GetString(), Does.StartWith("sqlite "));
        Assert.That(store.GetProperty("hits").GetInt32(), Is.EqualTo(1));
        Assert.That(store.GetProperty("misses").GetInt32(), Is.EqualTo(1));
        Assert.That(store.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_review_query_reaches_four_stored_features_of_its_user_and_product_on_the_second_run()
    {
        var file = UseSqliteStore();
        string[] query = ["query", "--in", "review.id=241", "--out", "review.user.review_count", "--out", "review.user.average_rating_given",
            "--out", "review.user.purchase_count", "--out", "review.product.average_rating", "--out", "review.normalized_rating"];
        var (code, first, error) = await RunAsync(query);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(first, Does.Not.Contain("online store ("));
        Assert.That(first.TrimEnd().Split('\n')[^1], Is.EqualTo($"online store: sqlite {file}, 0 hits, 2 misses"), "the review's keys, not found");
        (code, var second, error) = await RunAsync(query);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var lines = second.TrimEnd().Split('\n');
        Assert.That(lines.Count(l => l.Contains("online store (age", StringComparison.Ordinal)), Is.EqualTo(4), second);
        Assert.That(lines[5], Does.Match(@"^review\.normalized_rating\s+0\.25\s+resolver$"), "computed from the stored product average");
        Assert.That(lines[^1], Is.EqualTo($"online store: sqlite {file}, 6 hits, 0 misses"), "the review's two keys and the four features");
        Assert.That(Values(second), Is.EqualTo(Values(first)));
    }

    private static IEnumerable<string> Values(string table)
        => table.TrimEnd().Split('\n').Skip(1).SkipLast(1).Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim());

    [Test]
    public async Task A_zero_staleness_bypasses_the_store_for_that_feature_only()
    {
        UseSqliteStore();
        var (code, _, error) = await RunAsync(["materialize", "--in", "user.id=5", .. s_userCounts]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        (code, var output, error) = await RunAsync(["query", "--in", "user.id=5", .. s_userCounts, "--staleness", "user.review_count=0s"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.Match(@"user\.review_count\s+10\s+resolver\n"));
        Assert.That(output, Does.Match(@"user\.purchase_count\s+5\s+online store \(age "));
        (code, output, error) = await RunAsync(["query", "--in", "user.id=5", .. s_userCounts, "--staleness", "user.purchase_count=infinity", "--staleness", "user.review_count=1w"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.Contain("2 hits, 0 misses"));
    }

    [TestCase(ExitCodes.Usage, "user.review_count=10x", "'10x' is not a max staleness")]
    [TestCase(ExitCodes.Usage, "user.review_count", "must be feature=duration")]
    [TestCase(ExitCodes.Usage, "review.user.review_count=1m", "not a path through relations")]
    [TestCase(ExitCodes.Failed, "user.reviewcount=1m", "did you mean 'user.review_count'?")]
    public async Task A_bad_staleness_override_is_one_line(int expected, string staleness, string message)
    {
        UseStore(null);
        var (code, output, error) = await RunAsync(["query", "--in", "user.id=5", .. s_userCounts, "--staleness", staleness]);
        Assert.That(code, Is.EqualTo(expected));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("error: ").And.Contain(message));
    }

    [Test]
    public async Task Materialize_into_the_default_memory_store_says_that_it_is_gone_when_chalk_exits()
    {
        UseStore(null);
        var (code, output, error) = await RunAsync("materialize", "--in", "user.id=5", "--out", "user.review_count");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.StartWith("online store  memory\nrows          1 (user.id=5)\nwritten       1 value\n"));
        Assert.That(output, Does.Contain("note: the memory store lives in this process"));
    }

    [Test]
    public async Task Materialize_for_a_row_that_does_not_exist_writes_nothing_and_exits_4()
    {
        UseSqliteStore();
        var (code, output, _) = await RunAsync("materialize", "--in", "user.id=99999", "--out", "user.review_count");
        Assert.That(code, Is.EqualTo(ExitCodes.RowNotFound));
        Assert.That(output, Does.Contain("written       0 values\nmissing: user: no row for user.id = 99999\n"));
    }

    [TestCase(ExitCodes.Usage, "no max staleness", "--out", "user.display_name")]
    [TestCase(ExitCodes.Usage, "not both", "--out", "user.review_count", "--in", "user.id=5", "--class", "user")]
    [TestCase(ExitCodes.Usage, "belong to user and product", "--out", "user.review_count", "--out", "product.average_rating")]
    [TestCase(ExitCodes.Usage, "no feature class 'usr'", "--out", "user.review_count", "--class", "usr")]
    [TestCase(ExitCodes.Failed, "did you mean 'user.review_count'", "--out", "user.review_cont")]
    [TestCase(ExitCodes.Failed, "no SQL file lists every seller", "--out", "seller.name", "--class", "seller")]
    public async Task A_materialize_mistake_is_one_line_and_writes_nothing(int expected, string message, params string[] args)
    {
        UseStore(null);
        var (code, output, error) = await RunAsync(["materialize", .. args]);
        Assert.That(code, Is.EqualTo(expected), error);
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("error: ").And.Contain(message));
    }

    [Test]
    public async Task Materialize_without_a_store_is_an_error()
    {
        UseStore("""{ "kind": "none" }""");
        var (code, output, error) = await RunAsync("materialize", "--out", "user.review_count");
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("error: the project has no online store"));
        (code, output, _) = await RunAsync("query", "--in", "user.id=5", "--out", "user.review_count");
        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.EndWith("resolver\nonline store: none\n"));
    }

    [Test]
    public async Task While_redis_is_down_a_query_computes_and_says_so_and_require_store_fails_it()
    {
        int port = UnusedPort();
        UseStore($$"""{ "kind": "redis", "configuration": "127.0.0.1:{{port}}", "timeout": "200ms" }""");
        var (code, output, error) = await RunAsync(["query", "--in", "user.id=5", .. s_userCounts]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.Match(@"user\.review_count\s+10\s+resolver\n"));
        Assert.That(output.TrimEnd().Split('\n')[^1], Does.StartWith($"online store: redis 127.0.0.1:{port} unavailable, so every feature was computed by its resolver: "));

        (code, output, error) = await RunAsync(["query", "--in", "user.id=5", .. s_userCounts, "--require-store"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith($"error: redis 127.0.0.1:{port}"));

        (code, output, error) = await RunAsync("materialize", "--in", "user.id=5", "--out", "user.review_count");
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.StartWith($"error: redis 127.0.0.1:{port}"));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
