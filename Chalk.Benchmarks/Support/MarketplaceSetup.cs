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
        var seed = await File.ReadAllTextAsync(Path.Combine(Folder, "seed.sql"));
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = seed;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Review).Assembly)
            .AddSqlResolvers(Folder)
            .AddSource("marketplace", source);
        return (lifting ? builder : builder.DisableLifting()).Build();
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
