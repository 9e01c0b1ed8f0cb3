using Chalk.Sql.Sources;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Sql.Sources;

/// <summary>A <c>seed</c> script builds a DuckDB or SQLite file once, never leaves a half-built one, and is refused for
/// kinds that have no file.</summary>
public sealed class SourceSeedingTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("chalk-seeding-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private string Script(string name, string sql)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, sql);
        return path;
    }

    [Test]
    public async Task A_sqlite_file_is_built_from_its_script_once_and_then_left_alone()
    {
        var script = Script("seed.sql", "create table t (id bigint primary key, name text);\ninsert into t values (1, 'one'), (2, 'two');");
        var db = Path.Combine(_dir, "data.sqlite");
        SourceSeeding.EnsureSeeded("sqlite", db, script);
        File.WriteAllText(script, "this is not SQL, and it must not run again");
        SourceSeeding.EnsureSeeded("SQLite", db, script);
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "select group_concat(name, ',') from (select name from t order by id)";
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("one,two"));
        Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "seed.sql", "data.sqlite" }), "no temporary file is left");
    }

    [TestCase("sqlite")]
    [TestCase("duckdb")]
    public void A_failing_script_names_itself_and_leaves_no_file(string kind)
    {
        var script = Script("broken.sql", "create table t (id bigint);\ninsert into missing_table values (1);");
        var db = Path.Combine(_dir, "data.db");
        var ex = Assert.Throws<ChalkDefinitionException>(() => SourceSeeding.EnsureSeeded(kind, db, script));
        Assert.That(ex!.File, Is.EqualTo(script));
        Assert.That(ex.Message, Does.Contain("seed script failed").And.Contain("missing_table"));
        Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "broken.sql" }));
    }

    [Test]
    public void A_kind_without_a_file_cannot_be_seeded_and_a_missing_script_is_named()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => SourceSeeding.EnsureSeeded("postgres", Path.Combine(_dir, "x"), Script("s.sql", "select 1;")));
        Assert.That(ex!.Message, Does.Contain("'postgres' source cannot be seeded").And.Contain("duckdb and sqlite"));
        var missing = Path.Combine(_dir, "nowhere.sql");
        ex = Assert.Throws<ChalkDefinitionException>(() => SourceSeeding.EnsureSeeded("sqlite", Path.Combine(_dir, "x.sqlite"), missing));
        Assert.That(ex!.Message, Does.Contain(missing).And.Contain("does not exist"));
    }
}
