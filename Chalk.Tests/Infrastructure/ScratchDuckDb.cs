using Chalk.Sql.Sources;

namespace Chalk.Tests.Infrastructure;

/// <summary>An in-memory DuckDB source holding what a script creates: a test's small tables in one line.</summary>
internal static class ScratchDuckDb
{
    /// <summary>A new in-memory source after running <paramref name="script"/> on it; the caller disposes it.</summary>
    public static async Task<DuckDbSource> CreateAsync(string script)
    {
        var source = new DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = script;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return source;
    }
}
