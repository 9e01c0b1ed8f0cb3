using System.Diagnostics;
using DuckDB.NET.Data;
using Chalk.Tests.Engine.Logistics;

namespace Chalk.Benchmarks.Aggregation.Logistics;

/// <summary>The logistics batch in a plain loop, outside BenchmarkDotNet, for a profiler to attach to:
/// <c>dotnet run -c Release --project Chalk.Benchmarks -- logistics-loop [runs] [engine|pushed|hand|hand-pushed|subset|subset-ab|without-ab|groups|analyze|inline-ab|sql|sql-ab|ab|online]</c>.</summary>
/// <remarks><c>inline-ab</c> alternates the engine with and without child-resolver inlining in one process, so both see
/// the same load on a shared machine, and prints each one's medians (the outputs in <c>CHALK_BENCH_OUTPUTS</c>, if set).</remarks>
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
        if (what == "sql-ab")
        {
            await SqlAbAsync(runs, data);
            return;
        }
        if (what == "ab")
        {
            await HandAbAsync(runs, engine, data, inputs);
            return;
        }
        if (what == "online")
        {
            await OnlineAsync(runs, engine, data.Sizes.Depots);
            return;
        }
        if (what == "subset-ab")
        {
            // The pushed-down outputs alone and with the outputs in CHALK_BENCH_OUTPUTS added: what those add to the batch.
            string[] more = [.. LogisticsData.PushedDownOutputs, .. Environment.GetEnvironmentVariable("CHALK_BENCH_OUTPUTS")!.Split(',')];
            await QueriesAbAsync(runs, inputs, [("pushed down", engine, LogisticsData.PushedDownOutputs), ("pushed down and more", engine, more)]);
            return;
        }
        if (what == "without-ab")
        {
            // Every output, and every output but those in CHALK_BENCH_OUTPUTS: what those cost in the whole batch.
            var less = LogisticsData.Outputs.Except(Environment.GetEnvironmentVariable("CHALK_BENCH_OUTPUTS")!.Split(',')).ToArray();
            await QueriesAbAsync(runs, inputs, [("every output", engine, LogisticsData.Outputs), ("without them", engine, less)]);
            return;
        }
        if (what == "groups")
        {
            // CHALK_BENCH_GROUPS: "name=output,output;name=output,…": each group of outputs asked alone, alternated.
            var groups = Environment.GetEnvironmentVariable("CHALK_BENCH_GROUPS")!.Split(';').Select(g => g.Split('=', 2))
                .Select(g => (g[0], engine, g[1].Split(','))).ToArray();
            await QueriesAbAsync(runs, inputs, groups);
            return;
        }
        if (what == "inline-ab")
        {
            await using var notInlined = data.BuildEngine(inlineChildResolvers: false);
            var outputs = Environment.GetEnvironmentVariable("CHALK_BENCH_OUTPUTS")?.Split(',') ?? LogisticsData.Outputs;
            await QueriesAbAsync(runs, inputs, [("inlined", engine, outputs), ("not inlined", notInlined, outputs)]);
            return;
        }
        PeakMemory.Reset();
        Console.WriteLine($"resident after setup: {PeakMemory.ResidentMiB()} MiB; pid {Environment.ProcessId}");
        var times = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            switch (what)
            {
                case "hand": await LogisticsHandWritten.CountAsync(data.Fleet); break;
                case "analyze":
                    Console.WriteLine(await engine.ExplainAnalyzeBatchAsync(inputs,
                        Environment.GetEnvironmentVariable("CHALK_BENCH_OUTPUTS")?.Split(',') ?? LogisticsData.Outputs, asOf: "ts"));
                    break;
                case "subset":
                    // CHALK_BENCH_OUTPUTS: a comma-separated list of the outputs to ask for.
                    var subset = Environment.GetEnvironmentVariable("CHALK_BENCH_OUTPUTS")!.Split(',');
                    (await engine.QueryBatchAsync(inputs, subset, asOf: "ts")).Dispose();
                    break;
                case "sql":
                    // CHALK_BENCH_SQL_FILE: a statement over __chalk_keys (the inputs with the window starts), e.g. one
                    // copied from a plan, to time it apart from the engine.
                    await data.Fleet.UseConnectionAsync(async c =>
                    {
                        if (i == 0)
                        {
                            using var keys = c.CreateCommand();
                            keys.CommandText = KeysTableSql;
                            keys.ExecuteNonQuery();
                        }
                        using var cmd = c.CreateCommand();
                        cmd.CommandText = File.ReadAllText(Environment.GetEnvironmentVariable("CHALK_BENCH_SQL_FILE")!);
                        await foreach (var batch in cmd.ExecuteArrowBatchesAsync()) batch.Dispose();
                    });
                    break;
                case "hand-pushed": await LogisticsHandWritten.CountAsync(data.Fleet, LogisticsHandWritten.PushedDownSql); break;
                case "pushed":
                    (await engine.QueryBatchAsync(inputs, LogisticsData.PushedDownOutputs, asOf: "ts")).Dispose();
                    break;
                default:
                    (await engine.QueryBatchAsync(inputs, LogisticsData.Outputs, asOf: "ts")).Dispose();
                    break;
            }
            times.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            // CPU time of every thread, DuckDB's native ones included: steadier than wall time on a shared machine.
            cpu.Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
            Console.WriteLine($"{what} run {i}: {sw.Elapsed.TotalMilliseconds:F0} ms wall, {cpu[^1]:F0} ms CPU");
        }
        times.Sort();
        cpu.Sort();
        Console.WriteLine($"{what}: median {times[times.Count / 2]:F0} ms wall, {cpu[cpu.Count / 2]:F0} ms CPU; peak resident since setup {PeakMemory.PeakMiB()} MiB");
    }

    /// <summary>The engine and the hand-written query alternated in one process, every feature and the pushed-down ones
    /// alone, so that all four see the same load: each one's median wall and CPU time, and the ratios.</summary>
    private static async Task HandAbAsync(int runs, ChalkEngine engine, LogisticsData data, Apache.Arrow.RecordBatch inputs)
    {
        var medians = await AlternateAsync(runs,
        [
            ("hand-written", () => LogisticsHandWritten.CountAsync(data.Fleet)),
            ("engine", async () => (await engine.QueryBatchAsync(inputs, LogisticsData.Outputs, asOf: "ts")).Dispose()),
            ("hand-written, pushed down", () => LogisticsHandWritten.CountAsync(data.Fleet, LogisticsHandWritten.PushedDownSql)),
            ("engine, pushed down", async () => (await engine.QueryBatchAsync(inputs, LogisticsData.PushedDownOutputs, asOf: "ts")).Dispose()),
        ]);
        void Ratio(string what, string engineName, string handName)
            => Console.WriteLine($"ratio, {what}: {medians[engineName].Wall / medians[handName].Wall:F2} wall, {medians[engineName].Cpu / medians[handName].Cpu:F2} CPU");
        Ratio("every feature", "engine", "hand-written");
        Ratio("pushed down", "engine, pushed down", "hand-written, pushed down");
    }

    /// <summary>Runs each contender once per round, in the opposite order every other round so that none always runs on
    /// the warmer (or busier) side, and prints each one's median wall and CPU time (every thread's, DuckDB's too).</summary>
    private static async Task<Dictionary<string, (double Wall, double Cpu)>> AlternateAsync(int runs, (string Name, Func<Task> Run)[] contenders)
    {
        var process = Process.GetCurrentProcess();
        var wall = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        var cpu = contenders.ToDictionary(c => c.Name, _ => new List<double>());
        for (int i = 0; i < runs; i++)
        {
            foreach (var (name, run) in i % 2 == 0 ? contenders : contenders.Reverse())
            {
                process.Refresh();
                var cpuStart = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                await run();
                process.Refresh();
                wall[name].Add(sw.Elapsed.TotalMilliseconds);
                cpu[name].Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds);
            }
        }
        static double Median(List<double> x) { x.Sort(); return x[x.Count / 2]; }
        var medians = contenders.ToDictionary(c => c.Name, c => (Median(wall[c.Name]), Median(cpu[c.Name])));
        foreach (var (name, _) in contenders)
            Console.WriteLine($"{name}: median {medians[name].Item1:F0} ms wall, {medians[name].Item2:F0} ms CPU (min {cpu[name][0]:F0}, max {cpu[name][^1]:F0})");
        return medians;
    }

    /// <summary>Online queries of every depot feature, one depot at a time (spread over the depots), without an online
    /// store: prints the plan once and the wall-time percentiles.</summary>
    private static async Task OnlineAsync(int runs, ChalkEngine engine, int depots)
    {
        Console.WriteLine(engine.Explain(["depot.id"], LogisticsData.Outputs, online: true));
        var options = new QueryOptions { WriteBack = false };
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            long depot = 1 + (i * 7919L) % depots;
            var sw = Stopwatch.StartNew();
            var result = await engine.QueryAsync(new Dictionary<string, object?> { ["depot.id"] = depot }, LogisticsData.Outputs, options);
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (result.Errors.Count > 0) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
        }
        times.Sort();
        Console.WriteLine($"online: {runs} queries, p50 {times[runs / 2]:F2} ms, p99 {times[(int)(runs * 0.99)]:F2} ms, max {times[^1]:F2} ms");
    }

    /// <summary>Alternates the statements in the files <c>CHALK_BENCH_SQL_FILES</c> lists (comma-separated; each over
    /// <c>__chalk_keys</c>, e.g. one copied from a plan and a hand-edited variant) and prints each one's median time;
    /// <c>CHALK_BENCH_SQL_SETUP</c> names a file of statements run once before them.</summary>
    private static async Task SqlAbAsync(int runs, LogisticsData data)
    {
        await data.Fleet.UseConnectionAsync(c =>
        {
            using var keys = c.CreateCommand();
            keys.CommandText = KeysTableSql;
            keys.ExecuteNonQuery();
            // CHALK_BENCH_SQL_SETUP: statements the variants need (a table they join), run once before them.
            if (Environment.GetEnvironmentVariable("CHALK_BENCH_SQL_SETUP") is { } setup)
            {
                keys.CommandText = File.ReadAllText(setup);
                keys.ExecuteNonQuery();
            }
            return Task.CompletedTask;
        });
        var counted = new HashSet<string>();
        await AlternateAsync(runs, Environment.GetEnvironmentVariable("CHALK_BENCH_SQL_FILES")!.Split(',').Select(file => (file, (Func<Task>)(() =>
            data.Fleet.UseConnectionAsync(async c =>
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = File.ReadAllText(file);
                long rows = 0;
                await foreach (var batch in cmd.ExecuteArrowBatchesAsync())
                {
                    rows += batch.Length;
                    batch.Dispose();
                }
                if (counted.Add(file)) Console.WriteLine($"{file}: {rows} rows");
            })))).ToArray());
    }

    private const string KeysTableSql = "create or replace table __chalk_keys as select row_id as __chalk_row, id as __chalk_key, ts as __chalk_as_of, " +
        "ts - interval 1 day as __chalk_key_expr0, ts - interval 7 day as __chalk_key_expr1, ts - interval 30 day as __chalk_key_expr2 from logistics_keys";

    /// <summary>Alternates batch queries of the inputs (each an engine and its outputs) and prints each one's medians.</summary>
    private static Task QueriesAbAsync(int runs, Apache.Arrow.RecordBatch inputs, (string Name, ChalkEngine Engine, string[] Outputs)[] queries)
        => AlternateAsync(runs, queries.Select(q => (q.Name,
            (Func<Task>)(async () => (await q.Engine.QueryBatchAsync(inputs, q.Outputs, asOf: "ts")).Dispose()))).ToArray());
}
