using System.Diagnostics;
using Chalk.Tests.Engine.Logistics;

namespace Chalk.Benchmarks.Aggregation.Logistics;

/// <summary>The logistics batch in a plain loop, outside BenchmarkDotNet, for a profiler to attach to:
/// <c>dotnet run -c Release --project Chalk.Benchmarks -- logistics-loop [runs] [engine|pushed|hand|analyze]</c>.</summary>
internal static class LogisticsLoop
{
    public static async Task RunAsync(string[] args)
    {
        int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        string what = args.Length > 2 ? args[2] : "engine";
        await using var data = await LogisticsData.CreateAsync(LogisticsSizes.FromEnvironment(LogisticsSizes.Benchmark));
        await using var engine = data.BuildEngine();
        var inputs = data.AllDepots();
        await data.LoadKeysAsync(inputs);
        if (Environment.GetEnvironmentVariable("CHALK_BENCH_SKIP_CHECK") != "1") await LogisticsCheck.SameAsHandWritten(data, engine, inputs);
        PeakMemory.Reset();
        Console.WriteLine($"resident after setup: {PeakMemory.ResidentMiB()} MiB; pid {Environment.ProcessId}");
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            switch (what)
            {
                case "hand": await LogisticsHandWritten.CountAsync(data.Fleet); break;
                case "analyze":
                    Console.WriteLine(await engine.ExplainAnalyzeBatchAsync(inputs, LogisticsData.Outputs, asOf: "ts"));
                    break;
                case "pushed":
                    (await engine.QueryBatchAsync(inputs, LogisticsData.PushedDownOutputs, asOf: "ts")).Dispose();
                    break;
                default:
                    (await engine.QueryBatchAsync(inputs, LogisticsData.Outputs, asOf: "ts")).Dispose();
                    break;
            }
            times.Add(sw.Elapsed.TotalMilliseconds);
            Console.WriteLine($"{what} run {i}: {sw.Elapsed.TotalMilliseconds:F0} ms");
        }
        times.Sort();
        Console.WriteLine($"{what}: median {times[times.Count / 2]:F0} ms; peak resident since setup {PeakMemory.PeakMiB()} MiB");
    }
}
