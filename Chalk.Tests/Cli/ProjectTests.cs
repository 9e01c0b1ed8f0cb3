using System.Text.Json;
using Chalk.Cli;

namespace Chalk.Tests.Cli;

/// <summary>Projects of one's own: feature assemblies found by name as documented, chalk.json mistakes as one-line
/// errors with exit code 1 (never 2, which is for the command line), and time stamps in JSON.</summary>
public sealed class ProjectTests
{
    private const string Source = """
        namespace Shop;

        [Features]
        public class Gizmo
        {
            public long Id { get; init; }
            public long Twice => Id * 2;
            public DateTimeOffset SeenAt => new DateTimeOffset(2024, 5, 10, 7, 20, 1, TimeSpan.Zero).AddSeconds(Id);
            public DateTime MadeOn => new DateTime(2024, 5, 10, 7, 20, 1).AddSeconds(Id);
        }
        """;

    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("chalk-project-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, true);

    private static string UniqueName() => "Shop.Features" + Guid.NewGuid().ToString("N")[..8];

    private void WriteProject(string json) => File.WriteAllText(Path.Combine(_dir, "chalk.json"), json);

    private Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.InProjectAsync(_dir, args);

    [Test]
    public async Task An_assembly_named_in_chalk_json_is_found_in_the_projects_build_output()
    {
        var name = UniqueName();
        FeatureAssemblyCompiler.Compile(name, Source, Path.Combine(_dir, "bin", "Debug", "net10.0", name + ".dll"));
        WriteProject($$"""{ "features": ["{{name}}"] }""");
        var (code, output, error) = await RunAsync("query", "--in", "gizmo.id=21", "--out", "gizmo.twice");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.Match(@"gizmo\.twice\s+42"));
    }

    [Test]
    public async Task An_assembly_named_in_chalk_json_is_found_next_to_it()
    {
        var name = UniqueName();
        FeatureAssemblyCompiler.Compile(name, Source, Path.Combine(_dir, name + ".dll"));
        WriteProject($$"""{ "features": ["{{name}}"] }""");
        var (code, output, error) = await RunAsync("query", "--in", "gizmo.id=4", "--out", "gizmo.twice");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(output, Does.Match(@"gizmo\.twice\s+8"));
    }

    [Test]
    public async Task An_assembly_name_found_nowhere_names_every_place_searched()
    {
        WriteProject("""{ "features": ["Nowhere.Features"] }""");
        var (code, _, error) = await RunAsync("query", "--in", "gizmo.id=1", "--out", "gizmo.twice");
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain("chalk.json").And.Contain("'Nowhere.Features'")
            .And.Contain(Path.Combine(_dir, "Nowhere.Features.dll")).And.Contain(Path.Combine(_dir, "bin")).And.Contain(".dll path"));
    }

    [Test]
    public async Task Json_prints_instants_in_utc_with_z_and_wall_clock_times_as_written()
    {
        var name = UniqueName();
        FeatureAssemblyCompiler.Compile(name, Source, Path.Combine(_dir, "bin", name + ".dll"));
        WriteProject($$"""{ "features": ["{{name}}"] }""");
        var (code, output, error) = await RunAsync("query", "--in", "gizmo.id=1", "--out", "gizmo.seen_at", "--out", "gizmo.made_on", "--json");
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using var doc = JsonDocument.Parse(output);
        var values = doc.RootElement.GetProperty("values");
        Assert.That(values.GetProperty("gizmo.seen_at").GetString(), Is.EqualTo("2024-05-10T07:20:02.0000000Z"));
        Assert.That(values.GetProperty("gizmo.made_on").GetString(), Is.EqualTo("2024-05-10T07:20:02.0000000"));
    }

    [TestCase("""{ "features": ["Chalk.Examples"], "resolvers": "sql" }""", "sql")]
    [TestCase("""{ "features": ["Chalk.Examples"], "resolvers": "a\u0000b" }""", "resolvers")]
    [TestCase("""{ "features": ["Chalk.Examples"], """, "not valid JSON")]
    [TestCase("""{ "features": [] }""", "\"features\"")]
    [TestCase("""{ "features": [""] }""", "\"features\"")]
    [TestCase("""{ "features": ["missing/Shop.dll"] }""", "Shop.dll")]
    [TestCase("""{ "features": ["Chalk.Examples"], "sources": { "db": { "path": "x.duckdb" } } }""", "\"kind\"")]
    [TestCase("""{ "features": ["Chalk.Examples"], "sources": { "db": { "kind": "duckdb", "path": "${CHALK_NOT_SET_ANYWHERE}" } } }""", "CHALK_NOT_SET_ANYWHERE")]
    [TestCase("""{ "features": ["Chalk.Examples"], "sources": { "db": { "kind": "postgres", "connectionString": "Host=127.0.0.1", "seed": "s.sql" } } }""", "cannot be seeded")]
    [TestCase("""{ "features": ["Chalk.Examples"], "sources": { "db": { "kind": "sqlite", "connectionString": "Data Source=x.db", "seed": "s.sql" } } }""", "'path'")]
    [TestCase("""{ "features": ["Chalk.Examples"], "sources": { "db": { "kind": "sqlite", "path": "x.db", "seed": "nowhere.sql" } } }""", "nowhere.sql")]
    public async Task Every_chalk_json_mistake_exits_1_with_one_line_naming_the_file(string json, string named)
    {
        WriteProject(json);
        foreach (var command in new[] { new[] { "query", "--in", "review.id=1", "--out", "review.rating" }, ["explain", "--in", "review.id", "--out", "review.rating"], ["lift"] })
        {
            var (code, output, error) = await RunAsync(command);
            Assert.That(code, Is.EqualTo(ExitCodes.Failed), command[0] + ": " + error);
            Assert.That(output, Is.Empty);
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.StartWith("error: ").And.Contain("chalk.json").And.Contain(named));
        }
    }

    [Test]
    public async Task A_missing_resolvers_folder_names_chalk_json_the_setting_and_the_resolved_path()
    {
        WriteProject("""{ "features": ["Chalk.Examples"], "resolvers": "sql" }""");
        var (code, _, error) = await RunAsync("query", "--in", "review.id=1", "--out", "review.rating");
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error, Does.Contain(Path.Combine(_dir, "chalk.json")).And.Contain("\"resolvers\": \"sql\"").And.Contain(Path.Combine(_dir, "sql")));
        Assert.That(error, Does.Not.Contain("DirectoryNotFound"));
    }

    [Test]
    public async Task A_project_folder_that_does_not_exist_exits_1_and_says_so()
    {
        var missing = Path.Combine(_dir, "nope");
        var error = new StringWriter();
        int code = await CliApp.RunAsync(["explain", "--in", "review.id", "--out", "review.rating", "--project", missing], new StringWriter(), error);
        Assert.That(code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(error.ToString(), Does.Contain($"the project folder '{missing}' does not exist"));
    }
}
