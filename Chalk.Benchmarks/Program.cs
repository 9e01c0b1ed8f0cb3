namespace Chalk.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        // A plain loop for profilers; everything else is BenchmarkDotNet.
        if (args is ["logistics-loop", ..])
        {
            Aggregation.Logistics.LogisticsLoop.RunAsync(args).GetAwaiter().GetResult();
            return;
        }
        if (args is ["seed-loop", ..])
        {
            Engine.SeedQueryLoop.RunAsync(args).GetAwaiter().GetResult();
            return;
        }
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
