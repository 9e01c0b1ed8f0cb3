using System.Reflection;
using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Benchmarks.Lifting;

/// <summary>Lifted evaluation vs the per-row fallback (compiled delegate per row, reading and building Arrow) vs the same
/// expression as DuckDB SQL over the same rows, per method.</summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*LiftingBenchmarks*'</c>.
/// Every path produces the full output column: the lifted one as an Arrow array from the vectorized evaluator (compiled
/// once), the per-row one through an Arrow builder, DuckDB as Arrow batches of <c>select expr from t</c>.
/// </remarks>
[Config(typeof(Config))]
public class LiftingBenchmarks
{
    private LiftResult _lifted = null!;
    private CompiledExpressions _compiled = null!;
    private RecordBatch _batch = null!;
    private DuckDbTable _duck = null!;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1).WithLaunchCount(1));
    }

    [Params("ComputeTotal", "Branchy", "StringShape", "DateShape", "MathHeavy", "NullableHeavy")]
    public string Method { get; set; } = "ComputeTotal";

    [Params(10_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var method = typeof(BenchmarkMethods).GetMethod(Method)!;
        _lifted = Lifter.Lift(method);
        if (!_lifted.Succeeded) throw new InvalidOperationException(_lifted.Reason);
        _batch = BenchmarkBatches.For(method, Rows, seed: 42);
        _compiled = ExpressionCompiler.Compile([_lifted.Expression!], _batch.Schema);
        _duck = DuckDbTable.Load(_batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _duck.Dispose();

    [Benchmark(Baseline = true)]
    public int PerRowDelegate()
    {
        var values = _lifted.EvaluatePerRow(_batch).Values;
        int n = values.Length;
        values.Dispose();
        return n;
    }

    [Benchmark]
    public int Lifted()
    {
        var values = _compiled.EvaluateSingle(_batch).Values;
        int n = values.Length;
        values.Dispose();
        return n;
    }

    [Benchmark]
    public long DuckDbSql() => _duck.Select(DuckDbEquivalents.Sql[Method]);
}

/// <summary>How long lifting one method takes (IL reading, symbolic execution, simplification, gas).</summary>
[MemoryDiagnoser]
public class LiftTimeBenchmarks
{
    private MethodInfo _method = null!;

    [Params("ComputeTotal", "Branchy", "StringShape", "DateShape", "MathHeavy", "NullableHeavy")]
    public string Method { get; set; } = "ComputeTotal";

    [GlobalSetup]
    public void Setup() => _method = typeof(BenchmarkMethods).GetMethod(Method)!;

    [Benchmark]
    public Expr? LiftMethod() => Lifter.Lift(_method).Expression;
}

internal static class BenchmarkBatches
{
    public static RecordBatch For(MethodInfo method, int rows, int seed)
    {
        var rng = new Random(seed);
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        var start = new DateTime(2020, 1, 1);
        foreach (var p in method.GetParameters())
        {
            var u = Nullable.GetUnderlyingType(p.ParameterType);
            bool nullable = u is not null || p.ParameterType == typeof(string);
            var t = u ?? p.ParameterType;
            ExprType et = t == typeof(double) ? ExprType.Float64 : t == typeof(int) ? ExprType.Int32 : t == typeof(long) ? ExprType.Int64
                : t == typeof(bool) ? ExprType.Bool : t == typeof(string) ? ExprType.Utf8 : ExprType.Timestamp;
            var values = new object?[rows];
            for (int i = 0; i < rows; i++)
            {
                if (nullable && rng.Next(10) == 0) continue;
                values[i] = et switch
                {
                    ExprType.Float64 => Math.Round(rng.NextDouble() * 2000 - 200, 2),
                    ExprType.Int32 => rng.Next(0, 900),
                    ExprType.Int64 => (long)rng.Next(0, 300),
                    ExprType.Bool => rng.Next(2) == 0,
                    ExprType.Utf8 => rng.Next(4) switch { 0 => "San Jose", 1 => "  ann lee ", 2 => "Boston", _ => "" },
                    _ => start.AddMinutes(rng.Next(0, 1_000_000)),
                };
            }
            fields.Add(new Field(p.Name!, et.ToArrow(), nullable));
            arrays.Add(ArrowValues.BuildArray(et, values));
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows);
    }
}
