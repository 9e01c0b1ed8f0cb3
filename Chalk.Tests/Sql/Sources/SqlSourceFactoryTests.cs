using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

public sealed class SqlSourceFactoryTests
{
    [Test]
    public void Environment_references_expand_and_an_unset_one_names_the_variable()
    {
        Environment.SetEnvironmentVariable("CHALK_TEST_SECRET", "s3cr3t");
        Assert.That(SqlSourceFactory.ExpandEnvironment("Password=${CHALK_TEST_SECRET};Host=x"), Is.EqualTo("Password=s3cr3t;Host=x"));
        Assert.That(SqlSourceFactory.ExpandEnvironment("literal $${KEEP} and $5"), Is.EqualTo("literal ${KEEP} and $5"));
        var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.ExpandEnvironment("Password=${CHALK_TEST_UNSET_VARIABLE}"));
        Assert.That(ex!.Message, Does.Contain("CHALK_TEST_UNSET_VARIABLE"));
        var settings = new Dictionary<string, string> { ["connectionString"] = "${CHALK_TEST_UNSET_VARIABLE}" };
        var named = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.ExpandEnvironment(settings));
        Assert.That(named!.Message, Does.Contain("connectionString").And.Contain("CHALK_TEST_UNSET_VARIABLE"));
        Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.ExpandEnvironment("${UNCLOSED"));
    }

    [TestCase("sqlite", "path", "data/shop.db", typeof(SqliteSource))]
    [TestCase("postgres", "connectionString", "Host=127.0.0.1;Username=u", typeof(PostgresSource))]
    [TestCase("duckdb", "path", ":memory:", typeof(DuckDbSource))]
    public async Task Each_kind_is_created_from_its_settings(string kind, string key, string value, Type expected)
    {
        await using var source = SqlSourceFactory.Create("warehouse", kind, new Dictionary<string, string> { [key] = value }, Path.GetTempPath());
        Assert.That(source, Is.InstanceOf(expected));
        Assert.That(source.Kind, Is.EqualTo(kind));
    }

    [Test]
    public void A_missing_required_setting_names_the_source_and_the_key()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("warehouse", "postgres", new Dictionary<string, string>(), "."));
        Assert.That(ex!.Message, Does.Contain("warehouse").And.Contain("connectionString"));
        var bad = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("w", "sqlite",
            new Dictionary<string, string> { ["path"] = "x.db", ["commandTimeoutSeconds"] = "soon" }, "."));
        Assert.That(bad!.Message, Does.Contain("commandTimeoutSeconds"));
    }

    [Test]
    public async Task A_sqlite_page_cache_setting_is_read_and_checked()
    {
        await using var source = (SqliteSource)SqlSourceFactory.Create("w", "sqlite", new Dictionary<string, string> { ["path"] = "x.db", ["pageCacheMiB"] = "8" }, ".");
        Assert.That(source.PageCacheMiB, Is.EqualTo(8));
        var bad = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("w", "sqlite",
            new Dictionary<string, string> { ["path"] = "x.db", ["pageCacheMiB"] = "0" }, "."));
        Assert.That(bad!.Message, Does.Contain("'w'").And.Contain("pageCacheMiB"));
    }

    [TestCase("duckdb", "readonly", "readOnly")]
    [TestCase("duckdb", "thread", "threads")]
    [TestCase("duckdb", "memory_limit", null)]
    [TestCase("sqlite", "commandTimeout", "commandTimeoutSeconds")]
    [TestCase("postgres", "ConnectionString", "connectionString")]
    [TestCase("bigquery", "projectID", "projectId")]
    public void A_setting_the_kind_does_not_read_is_an_error_naming_it(string kind, string mistyped, string? meant)
    {
        var settings = new Dictionary<string, string> { [mistyped] = "false" };
        if (kind == "duckdb") settings["path"] = ":memory:";
        if (kind == "sqlite") settings["path"] = ":memory:";
        if (kind == "postgres") settings["connectionString"] = "Host=127.0.0.1;Username=u";
        if (kind == "bigquery") settings["projectId"] = "p";
        var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("warehouse", kind, settings, Path.GetTempPath()));
        Assert.That(ex!.Message, Does.Contain("'warehouse'").And.Contain($"unknown setting '{mistyped}' for kind '{kind}'").And.Contain("its settings are"));
        if (meant is null) Assert.That(ex.Message, Does.Not.Contain("did you mean"));
        else Assert.That(ex.Message, Does.Contain($"did you mean '{meant}'"));
    }

    [TestCase("path", ":memory:")]
    [TestCase("connectionString", "Data Source=:memory:")]
    public async Task A_duckdb_source_runs_on_the_threads_it_is_given(string key, string value)
    {
        await using var source = (DuckDbSource)SqlSourceFactory.Create("warehouse", "duckdb",
            new Dictionary<string, string> { [key] = value, ["threads"] = "1" }, Path.GetTempPath());
        object? threads = null;
        await source.UseConnectionAsync(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "select current_setting('threads')";
            threads = command.ExecuteScalar();
            return Task.CompletedTask;
        });
        Assert.That(Convert.ToInt64(threads, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1));
    }

    [TestCase("0")]
    [TestCase("many")]
    public void A_duckdb_threads_setting_must_be_a_positive_whole_number(string threads)
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("warehouse", "duckdb",
            new Dictionary<string, string> { ["threads"] = threads }, Path.GetTempPath()));
        Assert.That(ex!.Message, Does.Contain("'warehouse'").And.Contain("threads").And.Contain(threads));
    }

    [TestCase(":memory:", null)]
    [TestCase("held.duckdb", "false")]
    public void Duckdb_in_memory_rows_need_a_read_only_file(string path, string? readOnly)
    {
        var folder = Directory.CreateTempSubdirectory("chalk-held-setting-").FullName;
        try
        {
            var settings = new Dictionary<string, string> { ["path"] = path, ["inMemoryRows"] = "1000" };
            if (readOnly is not null) settings["readOnly"] = readOnly;
            var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("warehouse", "duckdb", settings, folder));
            Assert.That(ex!.Message, Does.Contain("'warehouse'").And.Contain("inMemoryRows").And.Contain("read-only"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public async Task Duckdb_in_memory_rows_are_read_from_the_setting()
    {
        var folder = Directory.CreateTempSubdirectory("chalk-held-setting-").FullName;
        try
        {
            var file = Path.Combine(folder, "held.duckdb");
            await using (var writable = new DuckDbSource("Data Source=" + file, readOnly: false))
                await writable.UseConnectionAsync(_ => Task.CompletedTask);
            await using var source = (DuckDbSource)SqlSourceFactory.Create("warehouse", "duckdb",
                new Dictionary<string, string> { ["path"] = "held.duckdb", ["inMemoryRows"] = "1000" }, folder);
            Assert.That(source.InMemoryRows, Is.EqualTo(1000));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void Duckdb_threads_are_said_once()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("warehouse", "duckdb",
            new Dictionary<string, string> { ["connectionString"] = "Data Source=:memory:;threads=2", ["threads"] = "1" }, Path.GetTempPath()));
        Assert.That(ex!.Message, Does.Contain("say it once"));
    }
}
