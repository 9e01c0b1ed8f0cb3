using System.Diagnostics;
using System.Globalization;

namespace Chalk.Benchmarks.Engine;

/// <summary>The seed's query in a plain loop, outside BenchmarkDotNet, for a latency distribution and a profiler:
/// <c>dotnet run -c Release --project Chalk.Benchmarks -- seed-loop [queries] [empty|cached|full|project|project1|statements|analyze]</c>.</summary>
/// <remarks>The same engines and warming as <see cref="SeedQueryBenchmarks"/>; prints p50/p90/p99/max of the queries.
/// <c>analyze</c> prints one cached query's plan with each node's measured time.</remarks>
internal static class SeedQueryLoop
{
    public static async Task RunAsync(string[] args)
    {
        int queries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        string what = args.Length > 2 ? args[2] : "cached";
        var bench = new SeedQueryBenchmarks();
        bench.Setup();
        try
        {
            if (what == "analyze")
            {
                Console.WriteLine(await bench.AnalyzeCachedAsync(1));
                return;
            }
            Func<Task<OnlineResult>> query = what switch
            {
                "empty" => bench.WarmStoreEmpty,
                "full" => bench.WarmStoreFull,
                "project" => bench.ProjectLlmCached,
                "project1" => bench.ProjectOneThreadLlmCached,
                "statements" => bench.ProjectStatementsLlmCached,
                _ => bench.WarmLlmCached,
            };
            for (int i = 0; i < 200; i++) await query();
            var ms = new double[queries];
            int gen2 = GC.CollectionCount(2);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < queries; i++)
            {
                long start = Stopwatch.GetTimestamp();
                await query();
                ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / queries;
            Array.Sort(ms);
            double At(double p) => ms[Math.Min(ms.Length - 1, (int)(p * ms.Length))];
            Console.WriteLine($"{what}: {queries} queries, p50 {At(0.50):F2} ms, p90 {At(0.90):F2} ms, p99 {At(0.99):F2} ms, max {ms[^1]:F2} ms; CPU {cpuMs:F2} ms per query (all threads); " +
                $"gen-2 collections {GC.CollectionCount(2) - gen2}");
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
