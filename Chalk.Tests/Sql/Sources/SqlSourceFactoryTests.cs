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
}
