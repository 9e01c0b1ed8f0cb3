using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Benchmarks.Support;
using Chalk.Examples.Marketplace;
using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Engine;

/// <summary>Plan-time cost: <c>Build()</c> of the marketplace example (discovery, SQL schema checks, lifting, validation).</summary>
/// <remarks>Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*BuildBenchmarks*'</c></remarks>
[Config(typeof(Config))]
public class BuildBenchmarks
{
    private DuckDbSource _source = null!;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1));
    }

    [GlobalSetup]
    public async Task Setup()
    {
        _source = new DuckDbSource("Data Source=:memory:");
        var seed = await MarketplaceSetup.SeedScriptAsync();
        await _source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = seed;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _source.DisposeAsync();

    [Benchmark(Baseline = true)]
    public ChalkEngine BuildWithLifting() => Build(lifting: true);

    [Benchmark]
    public ChalkEngine BuildWithoutLifting() => Build(lifting: false);

    private ChalkEngine Build(bool lifting)
    {
        var builder = MarketplaceSetup.Example(_source);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }
}
