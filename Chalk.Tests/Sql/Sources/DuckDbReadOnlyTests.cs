using System.Diagnostics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Engine.Support;
using DuckDB.NET.Data;
using Chalk.Expressions;

namespace Chalk.Tests.Sql.Sources;

/// <summary>
/// DuckDB files open read-only unless writes are asked for: several processes query one file at once, a missing file
/// is an error naming it (and is not created), and key tables still load into the temp catalog of a read-only file.
/// </summary>
public sealed class DuckDbReadOnlyTests
{
    private string _folder = null!;
    private string _file = null!;

    [SetUp]
    public void CreateWarehouse()
    {
        _folder = Directory.CreateTempSubdirectory("chalk-duck-ro-").FullName;
        _file = Path.Combine(_folder, "depot.duckdb");
        using var connection = new DuckDBConnection("Data Source=" + _file);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "create table bins (bin varchar, depot varchar, items bigint); " +
                              "insert into bins select 'bin' || i, 'depot' || (i % 3), i from range(30) t(i)";
        command.ExecuteNonQuery();
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    [Test]
    public async Task A_missing_file_is_an_error_naming_it_and_no_file_is_created()
    {
        var missing = Path.Combine(_folder, "typo", "depto.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(missing)!);
        await using var source = new DuckDbSource("Data Source=" + missing);
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(ByBin(), SqlText.Strings("bin1")));
        Assert.That(ex!.Message, Does.StartWith("resolvers/test.chalk.sql").And.Contain(missing).And.Contain("does not exist").And.Contain("readOnly"));
        Assert.That(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(missing)!), Is.Empty, "nothing created, not even a .wal");
    }

    [Test]
    public void A_project_source_on_a_missing_file_is_a_definition_error_naming_the_source_and_file()
    {
        var ex = Assert.Throws<ChalkDefinitionException>(() => SqlSourceFactory.Create("depot", "duckdb", new Dictionary<string, string> { ["path"] = "depto.duckdb" }, _folder));
        Assert.That(ex!.Message, Does.Contain("'depot'").And.Contain(Path.Combine(_folder, "depto.duckdb")).And.Contain("seed"));
        Assert.That(File.Exists(Path.Combine(_folder, "depto.duckdb")), Is.False);
    }

    [Test]
    public async Task A_writable_source_creates_a_missing_file_when_asked_to()
    {
        var fresh = Path.Combine(_folder, "fresh.duckdb");
        await using var source = SqlSourceFactory.Create("scratch", "duckdb", new Dictionary<string, string> { ["path"] = "fresh.duckdb", ["readOnly"] = "false" }, _folder);
        await ((DuckDbSource)source).UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "create table t (x int)";
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        Assert.That(((DuckDbSource)source).IsReadOnly, Is.False);
        Assert.That(File.Exists(fresh), Is.True);
    }

    [Test]
    public async Task A_file_source_is_read_only_by_default_and_refuses_writes()
    {
        await using var source = new DuckDbSource("Data Source=" + _file);
        Assert.That(source.IsReadOnly, Is.True);
        var ex = await Assert.ThrowsAsync<DuckDBException>(() => source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "insert into bins values ('x', 'y', 1)";
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        }));
        Assert.That(ex!.Message, Does.Contain("read-only"));
    }

    [Test]
    public void The_access_mode_is_given_once()
    {
        Assert.That(() => new DuckDbSource("Data Source=" + _file + ";ACCESS_MODE=READ_WRITE", readOnly: true), Throws.ArgumentException);
        Assert.That(new DuckDbSource("Data Source=" + _file + ";ACCESS_MODE=READ_WRITE").IsReadOnly, Is.False);
        Assert.That(new DuckDbSource("Data Source=:memory:").IsReadOnly, Is.False, "an in-memory database is always writable");
    }

    [TestCase(3)]
    [TestCase(30)]
    public async Task Lookups_of_few_and_many_keys_run_on_a_read_only_file(int keys)
    {
        // Many keys go through a temporary parameter table, which DuckDB must create beside a read-only file.
        await using var source = new DuckDbSource("Data Source=" + _file, readOnly: true);
        var bins = Enumerable.Range(0, keys).Select(i => "bin" + (keys - 1 - i)).ToArray();
        using var result = await source.QueryAsync(ByBin(), SqlText.Strings(bins));
        var rows = SqlText.Rows(result);
        Assert.That(rows.OrderBy(r => r.Row).Select(r => (long)r.Values[0]!), Is.EqualTo(bins.Select(b => long.Parse(b[3..], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task A_key_table_for_a_pushed_down_aggregate_loads_on_a_read_only_file()
    {
        await using var source = new DuckDbSource("Data Source=" + _file, readOnly: true);
        var depots = new StringArray.Builder().Append("depot0").Append("depot2").Append("nowhere").Build();
        var keys = new RecordBatch(new Schema([new Field("depot", StringType.Default, false)], null), [depots], depots.Length);
        using var result = await source.QueryWithTablesAsync(
            "select k.depot, sum(b.items)::double as items from depot_keys k left join bins b using (depot) group by k.depot order by k.depot",
            [("depot_keys", keys)], "depot aggregate");
        var batch = result.Batches.Single();
        Assert.That(Enumerable.Range(0, batch.Length).Select(i => ArrowValues.Get(batch.Column(1), i)),
            Is.EqualTo(new object?[] { Enumerable.Range(0, 30).Where(i => i % 3 == 0).Sum(i => (double)i), Enumerable.Range(0, 30).Where(i => i % 3 == 2).Sum(i => (double)i), null }));
    }

    [Test]
    public async Task Two_chalk_query_processes_and_this_one_use_the_same_file_at_once()
    {
        var project = CopyExample();
        // This process holds the seeded database open through a project engine for the whole test.
        await using var engine = Chalk.Projects.ChalkProject.Load(project).BuildEngine();
        var first = await engine.QueryAsync(new Dictionary<string, object?> { ["review.id"] = 241L }, ["review.normalized_rating"]);
        Assert.That(first.Get<object?>("review.normalized_rating"), Is.Not.Null);
        var runs = Enumerable.Range(0, 2).Select(_ => RunChalkAsync(project, "query", "--in", "review.id=241", "--out", "review.product.total_reviews")).ToArray();
        foreach (var (code, output, error) in await Task.WhenAll(runs))
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(output, Does.Contain("review.product.total_reviews"));
        }
    }

    private string CopyExample()
    {
        var project = Path.Combine(_folder, "marketplace");
        Repository.CopyMarketplaceTo(project);
        return project;
    }

    // The chalk CLI as its own process: chalk.dll sits next to the test assembly (a project reference).
    private static async Task<(int Code, string Out, string Err)> RunChalkAsync(string project, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = project };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chalk.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--project");
        start.ArgumentList.Add(project);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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

    private static SqlQuery ByBin() => SqlText.Query("select items from bins where bin = {0}", StringType.Default);
}
