using System.Net;
using System.Net.Sockets;
using Chalk.Cli;
using Chalk.Projects;
using Chalk.Store;

namespace Chalk.Tests.Cli;

/// <summary><c>"onlineStore"</c> in chalk.json: each kind becomes the engine's store with its settings, environment
/// references expand, a Redis that is down does not stop the build, and every mistake is one line naming chalk.json and
/// the setting.</summary>
public sealed class OnlineStoreSettingsTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("chalk-store-settings-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    // Feature classes only, no SQL files or sources: enough to build an engine, and no test here runs a query.
    private void WriteProject(string onlineStore)
        => File.WriteAllText(Path.Combine(_dir, "chalk.json"), $$"""{ "features": ["Chalk.Examples"], "onlineStore": {{onlineStore}} }""");

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Test]
    public async Task Without_an_online_store_the_engine_keeps_its_default_memory_store()
    {
        File.WriteAllText(Path.Combine(_dir, "chalk.json"), """{ "features": ["Chalk.Examples"] }""");
        var project = ChalkProject.Load(_dir);
        Assert.That(project.OnlineStore, Is.Null);
        await using var engine = project.BuildEngine();
        Assert.That(engine.OnlineStore, Is.InstanceOf<InMemoryOnlineStore>());
    }

    [Test]
    public async Task A_memory_store_takes_its_bounds_as_numbers_or_text()
    {
        WriteProject("""{ "kind": "Memory", "maxEntries": 2, "maxBytes": "1MiB" }""");
        var project = ChalkProject.Load(_dir);
        Assert.That(project.OnlineStore, Is.EqualTo(project.OnlineStore! with { Kind = "memory" }));
        Assert.That(project.OnlineStore!.Settings, Is.EqualTo(new Dictionary<string, string> { ["maxEntries"] = "2", ["maxBytes"] = "1MiB" }));
        await using var engine = await project.BuildEngineAsync();
        var store = (InMemoryOnlineStore)engine.OnlineStore!;
        var now = DateTimeOffset.UtcNow;
        await store.WriteAsync([.. Enumerable.Range(1, 3).Select(i => new StoreWrite(new StoreKey("user.review_count", (long)i), new StoredValue((long)i, now), null))]);
        Assert.That(store.Count, Is.EqualTo(2), "maxEntries 2 evicts the third");
    }

    [Test]
    public async Task A_sqlite_store_opens_its_file_relative_to_the_project_folder_and_keeps_values_across_engines()
    {
        WriteProject("""{ "kind": "sqlite", "path": "online.db" }""");
        var key = new StoreKey("user.review_count", 5L);
        await using (var engine = ChalkProject.Load(_dir).BuildEngine())
        {
            Assert.That(engine.OnlineStore!.Name, Is.EqualTo("sqlite " + Path.Combine(_dir, "online.db")));
            await engine.OnlineStore.WriteAsync([new StoreWrite(key, new StoredValue(10L, DateTimeOffset.UtcNow), null)]);
        }
        await using var again = await ChalkProject.Load(_dir).BuildEngineAsync();
        var read = await again.OnlineStore!.ReadAsync([key]);
        Assert.That(read[0]?.Value, Is.EqualTo(10L));
    }

    [Test]
    public async Task A_redis_store_expands_environment_references_and_builds_while_redis_is_down()
    {
        var variable = "CHALK_TEST_REDIS_" + Guid.NewGuid().ToString("N");
        int port = UnusedPort();
        Environment.SetEnvironmentVariable(variable, $"127.0.0.1:{port}");
        try
        {
            WriteProject($$"""{ "kind": "redis", "configuration": "${{{variable}}}", "keyPrefix": "shop:", "timeout": "200ms" }""");
            var started = System.Diagnostics.Stopwatch.StartNew();
            await using var engine = await ChalkProject.Load(_dir).BuildEngineAsync();
            Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "nothing listens there; the build does not wait for it");
            var store = (RedisOnlineStore)engine.OnlineStore!;
            Assert.That(store.Name, Is.EqualTo($"redis 127.0.0.1:{port}"));
            Assert.That(store.KeyPrefix, Is.EqualTo("shop:"));
            await Assert.ThrowsAsync<ChalkStoreException>(async () => await store.ReadAsync([new StoreKey("user.review_count", 5L)]));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public async Task Kind_none_builds_an_engine_without_a_store()
    {
        WriteProject("""{ "kind": "none" }""");
        await using var engine = ChalkProject.Load(_dir).BuildEngine();
        Assert.That(engine.OnlineStore, Is.Null);
    }

    [TestCase("""{ "maxEntries": 5 }""", "\"onlineStore\" has no \"kind\"; use one of memory, sqlite, redis, none")]
    [TestCase("""{ "kind": "redsi" }""", "unknown kind 'redsi'; did you mean 'redis'?; the kinds are memory, sqlite, redis, none")]
    [TestCase("""{ "kind": "memory", "maxEntrys": 5 }""", "unknown setting 'maxEntrys' for kind 'memory' (did you mean 'maxEntries'?); its settings are maxEntries, maxBytes")]
    [TestCase("""{ "kind": "none", "path": "x.db" }""", "unknown setting 'path' for kind 'none'; it takes no settings")]
    [TestCase("""{ "kind": "memory", "maxEntries": "lots" }""", "setting 'maxEntries' must be a positive whole number")]
    [TestCase("""{ "kind": "memory", "maxEntries": 0 }""", "setting 'maxEntries' must be a positive whole number")]
    [TestCase("""{ "kind": "memory", "maxBytes": "64MB" }""", "setting 'maxBytes' must be a positive whole number of bytes, or one with KiB, MiB or GiB")]
    [TestCase("""{ "kind": "memory", "maxBytes": { "mib": 64 } }""", "setting 'maxBytes' must be a string or a number, not object")]
    [TestCase("""{ "kind": "sqlite" }""", "\"onlineStore\" of kind 'sqlite' needs setting 'path', e.g. \"path\": \"online-store.db\"")]
    [TestCase("""{ "kind": "sqlite", "path": "no/such/folder/online.db" }""", "cannot be opened or created")]
    [TestCase("""{ "kind": "redis" }""", "needs setting 'configuration', e.g. \"configuration\": \"127.0.0.1:6379\"")]
    [TestCase("""{ "kind": "redis", "configuration": "127.0.0.1:6379", "timeout": "1000" }""", "setting 'timeout' must be a positive whole number with ms or s")]
    [TestCase("""{ "kind": "redis", "configuration": "127.0.0.1:6379", "timeout": "2d" }""", "setting 'timeout'")]
    [TestCase("""{ "kind": "redis", "configuration": "abortConnect=false" }""", "setting 'configuration'")]
    [TestCase("""{ "kind": "redis", "configuration": "${CHALK_NOT_SET_ANYWHERE}" }""", "CHALK_NOT_SET_ANYWHERE")]
    public async Task Every_online_store_mistake_exits_1_with_one_line_naming_chalk_json_and_the_setting(string onlineStore, string named)
    {
        WriteProject(onlineStore);
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CliApp.RunAsync(["query", "--in", "user.id=1", "--out", "user.username", "--project", _dir], output, error);
        Assert.That(code, Is.EqualTo(ExitCodes.Failed), error.ToString());
        Assert.That(output.ToString(), Is.Empty);
        Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error.ToString(), Does.StartWith("error: " + Path.Combine(_dir, "chalk.json") + ": \"onlineStore\"").And.Contain(named));
        Assert.Throws<ChalkDefinitionException>(() => ChalkProject.Load(_dir).BuildEngine());
    }
}
