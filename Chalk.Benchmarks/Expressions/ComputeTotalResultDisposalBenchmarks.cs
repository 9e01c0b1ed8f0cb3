using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using Chalk.Expressions;

namespace Chalk.Benchmarks.Expressions;

/// <summary>
/// Issue 15's output-buffer cliff: compute_total over 2M rows, evaluated again and again with each result
/// (a) disposed, (b) left to the GC as most callers do, next to (c) the C# method per row through a typed
/// delegate over the same Arrow arrays. Times are per call; the memory columns show the gen-2 collections
/// each way. Targets: (b) within 1.5× of (a), and (a)/(b) at least 10× faster than (c).
/// </summary>
/// <remarks>
/// The harness's full collection between iterations is off (<see cref="GcForceAttribute"/>): it would run the
/// finalizers of undisposed results between iterations and hide exactly the steady state a caller's loop sees.
/// </remarks>
[MemoryDiagnoser]
[GcForce(false)]
[MedianColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ComputeTotalResultDisposalBenchmarks
{
    public const int Rows = 2_000_000;

    private ComputeTotalData _data = null!;
    private CompiledExpressions _compiled = null!;
    private Func<double, double?, double?, bool, double> _method = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = new ComputeTotalData(Rows);
        _compiled = ExpressionCompiler.Compile([ComputeTotalBenchmarks.ComputeTotalIr()], _data.Batch.Schema);
        _method = ComputeTotalBenchmarks.ComputeTotal;
        using var lifted = (DoubleArray)_compiled.Evaluate(_data.Batch).GetArray(0);
        using var perRow = _data.PerRow(_method);
        for (int r = 0; r < Rows; r++)
        {
            if (lifted.GetValue(r) != perRow.GetValue(r)) throw new InvalidOperationException($"row {r}: lifted {lifted.GetValue(r)} vs per row {perRow.GetValue(r)}");
        }
    }

    /// <summary>(a) The lifted expression; the caller disposes the result.</summary>
    [Benchmark(Baseline = true, Description = "(a) lifted, result disposed")]
    public int Disposed()
    {
        using var result = _compiled.Evaluate(_data.Batch).GetArray(0);
        return result.Length;
    }

    /// <summary>(b) The lifted expression; the result is dropped without disposing it.</summary>
    [Benchmark(Description = "(b) lifted, result not disposed")]
    public int NotDisposed() => _compiled.Evaluate(_data.Batch).GetArray(0).Length;

    /// <summary>(c) The C# method per row through a typed delegate, reading the Arrow arrays and building with an Arrow builder.</summary>
    [Benchmark(Description = "(c) typed per-row delegate")]
    public int PerRowDelegate()
    {
        using var result = _data.PerRow(_method);
        return result.Length;
    }
}
