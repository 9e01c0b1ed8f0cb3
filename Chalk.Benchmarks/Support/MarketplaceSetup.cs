using Chalk.Examples.Marketplace;
using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Support;

/// <summary>The bundled marketplace example seeded into an in-memory DuckDB, with an engine over it.</summary>
public static class MarketplaceSetup
{
    public static string Folder { get; } = FindFolder();

    public static async Task<ChalkEngine> BuildEngineAsync(bool lifting = true)
    {
        var source = new DuckDbSource("Data Source=:memory:");
        var seed = await SeedScriptAsync();
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = seed;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        var builder = Example(source, disposeWithEngine: true);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    /// <summary><c>seed.sql</c> then <c>catalog.sql</c> (portable SQL): every table of the example, for one database.</summary>
    public static async Task<string> SeedScriptAsync()
        => await File.ReadAllTextAsync(Path.Combine(Folder, "seed.sql")) + "\n" + await File.ReadAllTextAsync(Path.Combine(Folder, "catalog.sql"));

    /// <summary>A builder with the example's features and SQL files, <paramref name="source"/> as both its
    /// <c>marketplace</c> and its <c>catalog</c>, and the offline chat client of its LLM features.</summary>
    public static ChalkEngineBuilder Example(SqlSource source, bool disposeWithEngine = false) => ChalkEngine.CreateBuilder()
        .AddFeatures(typeof(Review).Assembly)
        .AddSqlResolvers(Folder)
        .AddSource("marketplace", source, disposeWithEngine)
        .AddSource("catalog", source, disposeWithEngine: false)
        .WithServices(new MarketplaceServices());

    /// <summary>The example as <c>chalk query</c> runs it: its <c>chalk.json</c> project (a read-only DuckDB file and a
    /// SQLite catalogue, seeded on first use) copied into a new temporary folder, which the caller deletes.</summary>
    /// <param name="duckDbThreads">When given, the DuckDB source's <c>threads</c> setting.</param>
    /// <param name="inMemoryRows">False to drop the example's <c>inMemoryRows</c>, so every lookup runs in DuckDB.</param>
    public static string CopyProject(int? duckDbThreads = null, bool inMemoryRows = true)
    {
        var folder = Directory.CreateTempSubdirectory("chalk-seed-project-").FullName;
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => Path.GetExtension(f) is ".sql" or ".json"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var project = Path.Combine(folder, "chalk.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(project))!;
        var marketplace = json["sources"]!["marketplace"]!.AsObject();
        if (duckDbThreads is int n) marketplace["threads"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!inMemoryRows) marketplace.Remove("inMemoryRows");
        File.WriteAllText(project, json.ToJsonString());
        return folder;
    }

    private static string FindFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "resolvers", "marketplace");
                if (File.Exists(Path.Combine(candidate, "seed.sql"))) return candidate;
            }
        }
        throw new InvalidOperationException("resolvers/marketplace not found; run from the repository");
    }
}
