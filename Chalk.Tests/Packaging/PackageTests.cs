using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Chalk.Tests.Cli;
using Chalk.Tests.Engine.Support;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Packaging;

/// <summary>The packages as a user gets them: every packable project is packed into a temporary feed (once for the
/// fixture), each package carries its metadata, readme and symbols, and the <c>chalk</c> tool installs from that feed
/// into a tool path of its own and answers a query on a new project.</summary>
/// <remarks>Packs with the configuration these tests were built in, from the projects' existing build output where it
/// can (<c>--no-build</c>); the tool is packed for this machine's platform only. Nothing is fetched from a package source.</remarks>
[NonParallelizable]
public sealed partial class PackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The projects that are packages, by package id; any other project is not packable.</summary>
    private static readonly Dictionary<string, string> s_packages = new(StringComparer.Ordinal)
    {
        ["Chalk.Expressions"] = "Chalk.Expressions",
        ["Chalk.Sql"] = "Chalk.Sql",
        ["Chalk.Engine"] = "Chalk.Engine",
        ["Chalk.DependencyInjection"] = "Chalk.DependencyInjection",
        ["Chalk.Sources.PostgreSql"] = "Chalk.Sources.PostgreSql",
        ["Chalk.Sources.BigQuery"] = "Chalk.Sources.BigQuery",
        ["Chalk.Sqlite"] = "Chalk.Sqlite",
        ["Chalk.Stores.Redis"] = "Chalk.Stores.Redis",
        ["Chalk.Cli"] = "Chalk.Cli",
    };

    /// <summary>The client each provider package brings, which no other package may bring.</summary>
    private static readonly Dictionary<string, string> s_clients = new(StringComparer.Ordinal)
    {
        ["Chalk.Sources.PostgreSql"] = "Npgsql",
        ["Chalk.Sources.BigQuery"] = "Google.Apis.Auth",
        ["Chalk.Sqlite"] = "Microsoft.Data.Sqlite",
        ["Chalk.Stores.Redis"] = "StackExchange.Redis",
    };

    private string _root = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public async Task PackEverything()
    {
        _root = Directory.CreateTempSubdirectory("chalk-packages-").FullName;
        _feed = Path.Combine(_root, "feed");
        var clock = Stopwatch.StartNew();
        var cli = Path.Combine(Repository.Root, "Chalk.Cli", "Chalk.Cli.csproj");
        var tool = await DotnetProcess.DotnetAsync(Repository.Root, s_packTimeout,
            "pack", cli, "-c", Configuration, "-o", _feed, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:ChalkToolForThisPlatformOnly=true");
        Assert.That(tool.Code, Is.Zero, tool.ToString());
        var toolSeconds = clock.Elapsed.TotalSeconds;

        // The libraries are packed from the build these tests run on, in one MSBuild process.
        var libraries = s_packages.Values.Where(p => p != "Chalk.Cli").Select(p => Path.Combine(Repository.Root, p, p + ".csproj"));
        var traversal = Path.Combine(_root, "pack.proj");
        await File.WriteAllTextAsync(traversal, new XDocument(new XElement("Project",
            new XElement("Target", new XAttribute("Name", "PackLibraries"),
                new XElement("MSBuild",
                    new XAttribute("Projects", string.Join(';', libraries)),
                    new XAttribute("Targets", "Pack"),
                    new XAttribute("Properties", $"Configuration={Configuration};NoBuild=true;PackageOutputPath={_feed}{Path.DirectorySeparatorChar}")))))
            .ToString());
        var packed = await DotnetProcess.DotnetAsync(_root, s_packTimeout, "msbuild", traversal, "-t:PackLibraries", "-nodeReuse:false", "-v:m");
        Assert.That(packed.Code, Is.Zero, packed.ToString());
        _version = Path.GetFileNameWithoutExtension(Directory.EnumerateFiles(_feed, "Chalk.Engine.*.nupkg").Single())["Chalk.Engine.".Length..];
        await TestContext.Progress.WriteLineAsync(
            $"packed the chalk tool in {toolSeconds:0.0} s and the libraries in {clock.Elapsed.TotalSeconds - toolSeconds:0.0} s (version {_version})");
    }

    [OneTimeTearDown]
    public void Delete() => Directory.Delete(_root, true);

    /// <summary>The platform the tool was packed for, this machine's: the one <c>Chalk.Cli.&lt;rid&gt;</c> package.</summary>
    private string HostRid() => Directory.EnumerateFiles(_feed, $"Chalk.Cli.*.{_version}.nupkg")
        .Select(p => Path.GetFileName(p)["Chalk.Cli.".Length..^$".{_version}.nupkg".Length])
        .Single();

    private string Package(string id) => Path.Combine(_feed, $"{id}.{_version}.nupkg");

    private static XElement Metadata(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(stream);
        return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string? Field(XElement metadata, string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    [Test]
    public void Only_the_libraries_and_the_tool_are_packable()
    {
        var packable = Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => XDocument.Load(p).Descendants("IsPackable").Any(e => e.Value == "true"))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);
        Assert.That(packable, Is.EqualTo(s_packages.Values.Order(StringComparer.Ordinal)));
    }

    [Test]
    public void Every_package_has_its_id_a_description_the_mit_licence_tags_a_readme_and_symbols()
    {
        foreach (var id in s_packages.Keys.Append($"Chalk.Cli.{HostRid()}"))
        {
            Assert.That(Package(id), Does.Exist, id);
            using var package = ZipFile.OpenRead(Package(id));
            var metadata = Metadata(package);
            Assert.That(Field(metadata, "id"), Is.EqualTo(id));
            Assert.That(Field(metadata, "version"), Is.EqualTo(_version), id + ": one version for all");
            Assert.That(Field(metadata, "authors"), Is.EqualTo("Chalk for .NET contributors"), id);
            Assert.That(Field(metadata, "description"), Has.Length.GreaterThan(60).And.Not.EqualTo("Package Description"), id);
            Assert.That(metadata.Elements().Single(e => e.Name.LocalName == "license").Value, Is.EqualTo("MIT"), id);
            Assert.That(Field(metadata, "tags"), Does.Contain("feature-store"), id);
            Assert.That(Field(metadata, "readme"), Is.EqualTo("README.md"), id);
            var readme = package.GetEntry("README.md");
            Assert.That(readme, Is.Not.Null, id);
            using (var text = new StreamReader(readme!.Open()))
                Assert.That(text.ReadToEnd(), Does.StartWith("# " + (id.StartsWith("Chalk.Cli", StringComparison.Ordinal) ? "Chalk.Cli" : id)), id);
            if (id != "Chalk.Cli") Assert.That(Path.ChangeExtension(Package(id), ".snupkg"), Does.Exist, id + " has a symbol package");
        }
    }

    private static IEnumerable<string> Dependencies(ZipArchive package)
        => Metadata(package).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!);

    [Test]
    public void Each_provider_package_brings_its_client_and_the_core_packages_bring_none()
    {
        foreach (var id in new[] { "Chalk.Expressions", "Chalk.Sql", "Chalk.Engine" })
        {
            using var package = ZipFile.OpenRead(Package(id));
            var dependencies = Dependencies(package).ToList();
            Assert.That(dependencies, Is.Not.Empty, id);
            Assert.That(dependencies.Intersect(s_clients.Values), Is.Empty, id);
        }
        foreach (var (id, client) in s_clients)
        {
            using var package = ZipFile.OpenRead(Package(id));
            var dependencies = Dependencies(package).ToList();
            Assert.That(dependencies, Does.Contain(client), id);
            Assert.That(dependencies.Intersect(s_clients.Values.Where(c => c != client)), Is.Empty, id);
            Assert.That(package.GetEntry($"lib/net10.0/{id}.dll"), Is.Not.Null, id + ": the assembly is named as the package, which is how a chalk.json's kind finds it");
        }
        using var sqlite = ZipFile.OpenRead(Package("Chalk.Sqlite"));
        Assert.That(sqlite.GetEntry("buildTransitive/Chalk.Sqlite.props"), Is.Not.Null, "SQLite's natives are trimmed to one platform too");
    }

    [Test]
    public void Chalk_sql_brings_the_targets_that_keep_one_platforms_native_libraries()
    {
        using var package = ZipFile.OpenRead(Package("Chalk.Sql"));
        Assert.That(package.GetEntry("buildTransitive/Chalk.Sql.targets"), Is.Not.Null);
    }

    [Test]
    public void The_tool_package_for_this_platform_carries_one_duckdb_library()
    {
        using var package = ZipFile.OpenRead(Package($"Chalk.Cli.{HostRid()}"));
        var duckdb = package.Entries.Where(e => e.Name is "libduckdb.so" or "libduckdb.dylib" or "duckdb.dll").Select(e => e.FullName).ToList();
        Assert.That(duckdb, Has.Count.EqualTo(1), string.Join(", ", duckdb));
        Assert.That(package.Entries.Any(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task The_chalk_tool_installs_from_the_local_feed_and_answers_a_query_on_a_new_project()
    {
        var clock = Stopwatch.StartNew();
        var tools = Path.Combine(_root, "tools");
        // Only the local feed: the version must come from this pack, never from a package source with the same id.
        var config = Path.Combine(_root, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        var install = await DotnetProcess.DotnetAsync(_root, s_commandTimeout,
            "tool", "install", "Chalk.Cli", "--tool-path", tools, "--configfile", config, "--version", _version);
        Assert.That(install.Code, Is.Zero, install.ToString());
        var installSeconds = clock.Elapsed.TotalSeconds;

        var project = NewProject();
        var chalk = Path.Combine(tools, OperatingSystem.IsWindows() ? "chalk.exe" : "chalk");
        var query = await DotnetProcess.RunAsync(chalk, _root, s_commandTimeout,
            "query", "--project", project, "--in", "gizmo.id=2", "--out", "gizmo.name", "--out", "gizmo.double_price", "--json");
        await TestContext.Progress.WriteLineAsync($"installed the tool in {installSeconds:0.0} s; chalk query took {clock.Elapsed.TotalSeconds - installSeconds:0.0} s");
        Assert.That(query.Code, Is.Zero, query.ToString());
        using var doc = JsonDocument.Parse(query.Output);
        var values = doc.RootElement.GetProperty("values");
        Assert.That(values.GetProperty("gizmo.name").GetString(), Is.EqualTo("sprocket"));
        Assert.That(values.GetProperty("gizmo.double_price").GetDouble(), Is.EqualTo(5.0));
        Assert.That(doc.RootElement.GetProperty("errors").GetArrayLength(), Is.Zero, query.Output);
    }

    /// <summary>A project of one's own: a chalk.json, a <c>*.chalk.sql</c> file, a SQLite file and the feature classes' .dll.</summary>
    private string NewProject()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "shop")).FullName;
        var name = "Shop.Features" + Guid.NewGuid().ToString("N")[..8];
        FeatureAssemblyCompiler.Compile(name, """
            namespace Shop;

            [Features]
            public class Gizmo
            {
                [Primary] public long Id { get; init; }
                public string Name { get; init; } = "";
                public double Price { get; init; }
                public double DoublePrice => Price * 2;
            }
            """, Path.Combine(dir, "bin", name + ".dll"));
        using (var connection = new SqliteConnection("Data Source=" + Path.Combine(dir, "shop.sqlite") + ";Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "create table gizmo (id integer primary key, name text not null, price real not null);" +
                                  "insert into gizmo values (1, 'widget', 1.25), (2, 'sprocket', 2.5);";
            command.ExecuteNonQuery();
        }
        File.WriteAllText(Path.Combine(dir, "gizmo.chalk.sql"), """
            -- resolves: Gizmo
            -- source: shop
            select id, name, price from gizmo where id = ${gizmo.id}
            """);
        File.WriteAllText(Path.Combine(dir, "chalk.json"), $$"""
            { "features": ["{{name}}"], "sources": { "shop": { "kind": "sqlite", "path": "shop.sqlite" } } }
            """);
        return dir;
    }
}
