using System.Diagnostics;
using System.Text.Json;
using Chalk.Cli;
using Chalk.Examples.Marketplace;
using Chalk.Projects;
using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Support;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Cli;

/// <summary>Two engines in two processes share one Redis: the built <c>chalk</c> runs as a child process on a copy of the
/// example whose chalk.json points its online store at a throwaway redis-server, and this process builds an engine from
/// the same project. What one writes, the other serves, equal to what an engine without a store computes.</summary>
[NonParallelizable]
public sealed class SharedRedisAcrossProcessesTests
{
    private static readonly string[] s_userFeatures = ["user.review_count", "user.average_rating_given", "user.purchase_count"];

    private static readonly string[] s_reviewFeatures =
        ["review.user.review_count", "review.user.average_rating_given", "review.user.purchase_count", "review.product.average_rating"];

    private static readonly TimeSpan s_childTimeout = TimeSpan.FromMinutes(2);

    private RedisServer _redis = null!;
    private string _root = null!;
    private string _database = null!;
    private string _catalog = null!;
    private ChalkEngine _storeless = null!;

    [OneTimeSetUp]
    public void StartRedisAndSeed()
    {
        _redis = RedisServer.Start();
        _root = Directory.CreateTempSubdirectory("chalk-processes-").FullName;
        // Seeded once, here: both processes then open it read-only, side by side.
        _database = Path.Combine(_root, "marketplace.duckdb");
        DuckDbSeeding.EnsureSeeded(_database, Path.Combine(Repository.Marketplace, "seed.sql"));
        _catalog = Path.Combine(_root, "catalog.sqlite");
        SqliteSeeding.EnsureSeeded(_catalog, Path.Combine(Repository.Marketplace, "catalog.sql"));
        _storeless = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Review).Assembly)
            .AddSqlResolvers(Repository.Marketplace)
            .AddSource("marketplace", new DuckDbSource("Data Source=" + _database, readOnly: true))
            .AddSource("catalog", new SqliteSource("Data Source=" + _catalog))
            .WithServices(new MarketplaceServices())
            .WithoutOnlineStore()
            .Build();
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        await _storeless.DisposeAsync();
        _redis.Dispose();
        Directory.Delete(_root, true);
    }

    /// <summary>A copy of the example whose store is the test's Redis, under a key prefix of its own.</summary>
    private string NewProject()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var f in Directory.EnumerateFiles(Repository.Marketplace, "*.chalk.sql")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir, ChalkProject.FileName), JsonSerializer.Serialize(new
        {
            features = new[] { "Chalk.Examples" },
            sources = new { marketplace = new { kind = "duckdb", path = _database }, catalog = new { kind = "sqlite", path = _catalog } },
            onlineStore = new { kind = "redis", configuration = _redis.EndPoint, keyPrefix = $"test-{Guid.NewGuid():N}:", timeout = "2s" },
        }));
        return dir;
    }

    /// <summary>Runs the built <c>chalk</c> (chalk.dll, next to this test assembly) with <c>dotnet</c>, as its own process.</summary>
    private static async Task<(int Code, string Out, string Err)> ChalkAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_childTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }

    private static Dictionary<string, object?> User(long id) => new() { ["user.id"] = id };

    [Test]
    public async Task What_a_chalk_materialize_process_writes_this_process_serves_from_redis()
    {
        var project = NewProject();
        var (code, output, error) = await ChalkAsync(["materialize", "--project", project, .. s_userFeatures.SelectMany(f => new[] { "--out", f })]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
        Assert.That(output, Does.StartWith($"online store  redis {_redis.EndPoint}\nrows          2000 (every user)\nwritten       6000 values\n"));

        await using var engine = await ChalkProject.Load(project).BuildEngineAsync();
        foreach (long id in new long[] { 1, 5, 777, 2000 })
        {
            var served = await engine.QueryAsync(User(id), s_userFeatures, new QueryOptions { RequireOnlineStore = true });
            var computed = await _storeless.QueryAsync(User(id), s_userFeatures);
            Assert.That(served.Store.Name, Is.EqualTo($"redis {_redis.EndPoint}"));
            Assert.That(served.Store.Hits, Is.EqualTo(3), $"user {id}");
            Assert.That(served.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.OnlineStore), $"user {id}");
            Assert.That(computed.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.Resolver));
            foreach (var f in s_userFeatures) Assert.That(served[f], Is.EqualTo(computed[f]), $"user {id}: {f}");
        }
    }

    [Test]
    public async Task What_this_process_writes_back_a_chalk_query_process_reports_as_from_the_online_store()
    {
        var project = NewProject();
        var review = new Dictionary<string, object?> { ["review.id"] = 241L };
        OnlineResult first;
        await using (var engine = ChalkProject.Load(project).BuildEngine())
        {
            first = await engine.QueryAsync(review, s_reviewFeatures, null);
            Assert.That(first.Sources.Values.Select(s => s.Origin), Is.All.EqualTo(FeatureOrigin.Resolver));
            await engine.FlushOnlineStoreAsync();
        }

        var (code, output, error) = await ChalkAsync(["query", "--project", project, "--in", "review.id=241", "--json", .. s_reviewFeatures.SelectMany(f => new[] { "--out", f })]);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
        using var doc = JsonDocument.Parse(output);
        var computed = await _storeless.QueryAsync(review, s_reviewFeatures);
        foreach (var f in s_reviewFeatures)
        {
            Assert.That(doc.RootElement.GetProperty("sources").GetProperty(f).GetProperty("origin").GetString(), Is.EqualTo("online store"), f);
            var value = doc.RootElement.GetProperty("values").GetProperty(f);
            Assert.That(value.ValueKind == JsonValueKind.Null ? null : (object)value.GetDouble(), Is.EqualTo(computed[f] is null ? null : Convert.ToDouble(computed[f])), f);
            Assert.That(computed[f], Is.EqualTo(first[f]), f);
        }
        var store = doc.RootElement.GetProperty("store");
        Assert.That(store.GetProperty("state").GetString(), Is.EqualTo("available"));
        Assert.That(store.GetProperty("name").GetString(), Is.EqualTo($"redis {_redis.EndPoint}"));
        Assert.That(store.GetProperty("hits").GetInt32(), Is.EqualTo(6), "the review's two keys, then the four features");
    }
}
