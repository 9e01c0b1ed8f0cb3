using Chalk.Examples.Marketplace;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Engine.Support;

/// <summary>The bundled marketplace example seeded into an in-memory DuckDB, and engines over it.</summary>
/// <remarks>The catalogue (<c>catalog.sql</c>, portable SQL) is seeded into the same database, which serves as both the
/// <c>marketplace</c> and the <c>catalog</c> source, so one DuckDB answers every hand-written oracle query. The LLM
/// features get the example's offline <see cref="MarketplaceServices"/>.</remarks>
internal sealed class MarketplaceDatabase : IAsyncDisposable
{
    private MarketplaceDatabase(DuckDbSource source) => Source = source;

    public DuckDbSource Source { get; }

    public static async Task<MarketplaceDatabase> CreateAsync()
    {
        var source = new DuckDbSource("Data Source=:memory:");
        var seed = await File.ReadAllTextAsync(Path.Combine(Repository.Marketplace, "seed.sql"))
            + "\n" + await File.ReadAllTextAsync(Path.Combine(Repository.Marketplace, "catalog.sql"));
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = seed;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return new MarketplaceDatabase(source);
    }

    /// <summary>An engine over the example's feature classes and SQL files, plus any extra SQL resolvers.</summary>
    public ChalkEngine BuildEngine(params (string Name, string Text)[] extraSql) => BuildEngine(false, extraSql);

    /// <summary>Like <see cref="BuildEngine(ValueTuple{string, string}[])"/>, optionally running every C# body per row.</summary>
    public ChalkEngine BuildEngine(bool disableLifting, params (string Name, string Text)[] extraSql)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Review).Assembly)
            .AddSqlResolvers(Repository.Marketplace)
            .AddSource("marketplace", Source, disposeWithEngine: false)
            .AddSource("catalog", Source, disposeWithEngine: false)
            .WithServices(new MarketplaceServices());
        foreach (var (name, text) in extraSql) builder.AddSqlResolver(name, text);
        if (disableLifting) builder.DisableLifting();
        return builder.Build();
    }

    /// <summary>Runs hand-written SQL and returns the first column of each row, the oracle for feature values.</summary>
    public async Task<List<object?>> ColumnAsync(string sql)
    {
        var values = new List<object?>();
        await Source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
            return Task.CompletedTask;
        });
        return values;
    }

    public async Task<object?> ScalarAsync(string sql) => (await ColumnAsync(sql)).SingleOrDefault();

    /// <summary>Runs hand-written SQL and returns every column of each row.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        var rows = new List<object?[]>();
        await Source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
            return Task.CompletedTask;
        });
        return rows;
    }

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
