using System.Diagnostics;

namespace Chalk.Tests.Packaging;

/// <summary>An application of one's own referencing the packed <c>Chalk.Engine</c> (a package reference, not a project
/// reference): its build carries this platform's DuckDB only and none of the other sources' clients, DuckDB runs from it,
/// and a chalk.json naming a kind whose package it lacks fails with the package to add.</summary>
public sealed partial class PackageTests
{
    private const string ConsumerProgram = """
        using Chalk;
        using Chalk.Projects;
        using DuckDB.NET.Data;

        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select 40 + 2";
            Console.WriteLine($"duckdb {command.ExecuteScalar()}");
        }
        foreach (var (name, json) in new[]
        {
            ("postgres", "{ \"features\": [\"hello\"], \"sources\": { \"db\": { \"kind\": \"postgres\", \"connectionString\": \"Host=127.0.0.1\" } } }"),
            ("sqlite", "{ \"features\": [\"hello\"], \"sources\": { \"db\": { \"kind\": \"sqlite\", \"path\": \"x.db\", \"seed\": \"x.sql\" } } }"),
            ("redis", "{ \"features\": [\"hello\"], \"onlineStore\": { \"kind\": \"redis\", \"configuration\": \"127.0.0.1:1\" } }"),
        })
        {
            var dir = Directory.CreateTempSubdirectory("chalk-consumer-").FullName;
            File.WriteAllText(Path.Combine(dir, "chalk.json"), json);
            try
            {
                await using var engine = ChalkProject.Load(dir).BuildEngine();
                Console.WriteLine($"{name}: built");
            }
            catch (ChalkDefinitionException ex)
            {
                Console.WriteLine($"{name}: {ex.Message}");
            }
            Directory.Delete(dir, true);
        }
        """;

    [Test]
    public async Task An_app_referencing_the_engine_package_gets_one_platforms_duckdb_no_other_clients_and_the_package_to_add_per_kind()
    {
        var clock = Stopwatch.StartNew();
        var app = Directory.CreateDirectory(Path.Combine(_root, "hello")).FullName;
        var global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // Chalk's packages come from the feed, into a packages folder of the test's own (the same version is packed on
        // every run); their dependencies are read from the machine's package folder, already filled by this build.
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" /></config>
              <packageSources><clear /><add key="local" value="{_feed}" /></packageSources>
              <fallbackPackageFolders><clear /><add key="machine" value="{global}" /></fallbackPackageFolders>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "hello.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup><PackageReference Include="Chalk.Engine" Version="{_version}" /></ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ConsumerProgram);
        var build = await DotnetProcess.DotnetAsync(app, s_commandTimeout, "build", "-c", "Release", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.That(build.Code, Is.Zero, build.ToString());
        var bin = Path.Combine(app, "bin", "Release", "net10.0");
        var run = await DotnetProcess.DotnetAsync(app, s_commandTimeout, Path.Combine(bin, "hello.dll"));
        await TestContext.Progress.WriteLineAsync($"built and ran the consumer app in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.That(run.Code, Is.Zero, run.ToString());

        var files = Directory.EnumerateFiles(bin, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        var megabytes = files.Sum(f => f.Length) / 1e6;
        await TestContext.Progress.WriteLineAsync($"the consumer's bin holds {files.Count} files, {megabytes:0} MB");
        var duckdb = files.Where(f => f.Name is "libduckdb.so" or "libduckdb.dylib" or "duckdb.dll").Select(f => Path.GetRelativePath(bin, f.FullName)).ToList();
        Assert.That(duckdb, Has.Count.EqualTo(1), string.Join(", ", duckdb));
        Assert.That(megabytes, Is.LessThan(150), "one platform's DuckDB (~70 MB) and managed assemblies; every platform's was 375 MB");
        Assert.That(files.Select(f => f.Name).Intersect(["Npgsql.dll", "Google.Apis.Auth.dll", "Microsoft.Data.Sqlite.dll", "StackExchange.Redis.dll"]), Is.Empty);

        var lines = run.Output.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.That(lines[0], Is.EqualTo("duckdb 42"));
        Assert.That(lines[1], Does.StartWith("postgres: ").And.Contain("Chalk.Sources.PostgreSql").And.Contain("dotnet add package Chalk.Sources.PostgreSql"));
        Assert.That(lines[2], Does.StartWith("sqlite: ").And.Contain("dotnet add package Chalk.Sqlite"));
        Assert.That(lines[3], Does.StartWith("redis: ").And.Contain("dotnet add package Chalk.Stores.Redis"));
    }
}
