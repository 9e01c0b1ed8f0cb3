using System.Numerics.Tensors;
using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using Chalk.Expressions;
using DuckDB.NET.Data;

namespace Chalk.Benchmarks.Expressions;

/// <summary>
/// The seed's compute_total over 10M rows (5 % nulls in discount and tax rate), side by side:
/// (a) our evaluator, (b) a hand-written scalar loop, (c) the C# method per row through a delegate,
/// (d) DuckDB SQL CASE, (e) chained TensorPrimitives; plus the streaming-bandwidth floor
/// (<c>a + b → c</c>) and our kernel for the same. Every result is reported per row.
/// </summary>
[MemoryDiagnoser(false)]
public class ComputeTotalBenchmarks
{
    public const int Rows = 10_000_000;

    private ComputeTotalData _data = null!;
    private CompiledExpressions _compiled = null!;
    private CompiledExpressions _add = null!;
    private RecordBatch _addBatch = null!;
    private double[] _out = null!;
    private double[] _tmp1 = null!;
    private double[] _tmp2 = null!;
    private double[] _c = null!;
    private DuckDBConnection _duck = null!;
    private Func<double, double?, double?, bool, double> _method = null!;

    /// <summary>The seed's resolver, as written in DESIGN.md.</summary>
    public static double ComputeTotal(double subtotal, double? discount, double? taxRate, bool taxable)
    {
        if (discount is not null) subtotal = Math.Max(subtotal - discount.Value, 0.0);
        if (!taxable || taxRate is null) return subtotal;
        return subtotal * (1.0 + taxRate.Value);
    }

    /// <summary>The naive lowering of <see cref="ComputeTotal"/> (the discount subtree appears twice).</summary>
    public static Expr ComputeTotalIr()
    {
        var s = Expr.Col("S", ExprType.Float64);
        var d = Expr.Col("D", ExprType.Float64, nullable: true);
        var t = Expr.Col("T", ExprType.Float64, nullable: true);
        var i = Expr.Col("I", ExprType.Bool);
        Expr Discounted() => Expr.If(Expr.Not(Expr.IsNull(d)), Expr.Call("max", Expr.Sub(s, d), Expr.Lit(0.0)), s);
        return Expr.If(Expr.Or(Expr.Not(i), Expr.IsNull(t)), Discounted(), Expr.Mul(Discounted(), Expr.Add(Expr.Lit(1.0), t)));
    }

    [Params(2048)]
    public int ChunkSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new ComputeTotalData(Rows);
        _compiled = ExpressionCompiler.Compile([ComputeTotalIr()], _data.Batch.Schema, ChunkSize);
        _out = new double[Rows];
        _tmp1 = new double[Rows];
        _tmp2 = new double[Rows];
        _c = new double[Rows];
        _method = ComputeTotal;
        var ab = new Schema([new Field("a", Apache.Arrow.Types.DoubleType.Default, false), new Field("b", Apache.Arrow.Types.DoubleType.Default, false)], null);
        _addBatch = new RecordBatch(ab, [_data.Batch.Column(0), ComputeTotalData.Doubles(_data.TaxRate, null)], Rows);
        _add = ExpressionCompiler.Compile([Expr.Add(Expr.Col("a", ExprType.Float64), Expr.Col("b", ExprType.Float64))], ab, ChunkSize);

        _duck = new DuckDBConnection("Data Source=:memory:");
        _duck.Open();
        Exec("create table tx (s double not null, d double, t double, i boolean not null)");
        using (var appender = _duck.CreateAppender("tx"))
        {
            for (int r = 0; r < Rows; r++)
            {
                var row = appender.CreateRow().AppendValue(_data.Subtotal[r]);
                row = _data.DiscountValid[r] ? row.AppendValue(_data.Discount[r]) : row.AppendNullValue();
                row = _data.TaxRateValid[r] ? row.AppendValue(_data.TaxRate[r]) : row.AppendNullValue();
                row.AppendValue(_data.Taxable[r]).EndRow();
            }
        }
        Check();
    }

    private void Exec(string sql)
    {
        using var cmd = _duck.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private void Check()
    {
        using var ours = (DoubleArray)_compiled.Evaluate(_data.Batch).GetArray(0);
        ScalarLoop();
        double sum = 0;
        for (int i = 0; i < Rows; i++)
        {
            if (ours.GetValue(i) != _out[i]) throw new InvalidOperationException($"row {i}: evaluator {ours.GetValue(i)} vs loop {_out[i]}");
            sum += _out[i];
        }
        double duck = DuckDbCase();
        if (Math.Abs(duck - sum) > 1e-6 * Math.Abs(sum)) throw new InvalidOperationException($"duckdb sum {duck} vs {sum}");
    }

    [GlobalCleanup]
    public void Cleanup() => _duck.Dispose();

    /// <summary>(a) The compiled IR over the Arrow batch, output materialized as a DoubleArray (disposed or not makes no difference:
    /// see <see cref="ComputeTotalResultDisposalBenchmarks"/>).</summary>
    [Benchmark(OperationsPerInvoke = Rows, Baseline = true, Description = "(a) Chalk evaluator")]
    public int Evaluator()
    {
        using var result = _compiled.Evaluate(_data.Batch).GetArray(0);
        return result.Length;
    }

    /// <summary>(b) Hand-written scalar C# over double[] and bool[] validity.</summary>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(b) scalar C# loop")]
    public double[] ScalarLoop()
    {
        var s = _data.Subtotal;
        var d = _data.Discount;
        var dv = _data.DiscountValid;
        var t = _data.TaxRate;
        var tv = _data.TaxRateValid;
        var taxable = _data.Taxable;
        var o = _out;
        for (int i = 0; i < o.Length; i++)
        {
            double sub = s[i];
            if (dv[i]) sub = Math.Max(sub - d[i], 0.0);
            o[i] = !taxable[i] || !tv[i] ? sub : sub * (1.0 + t[i]);
        }
        return o;
    }

    /// <summary>(c) The C# method per row through a delegate, reading Arrow arrays and building with an Arrow builder.</summary>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(c) per-row delegate")]
    public int PerRowDelegate()
    {
        using var built = _data.PerRow(_method);
        return built.Length;
    }

    /// <summary>(d) The same expression as SQL CASE inside DuckDB (all threads), timed as <c>select sum(…)</c>: scan + CASE + sum, no materialization.</summary>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(d) DuckDB CASE sum")]
    public double DuckDbCase()
    {
        using var cmd = _duck.CreateCommand();
        cmd.CommandText = """
            select sum(case when not i or t is null
                            then (case when d is not null then greatest(s - d, 0.0::double) else s end)
                            else (case when d is not null then greatest(s - d, 0.0::double) else s end) * (1.0::double + t) end)
            from tx
            """;
        return Convert.ToDouble(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>(d') As (d) with DuckDB limited to one thread, like our single-threaded evaluator.</summary>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(d') DuckDB CASE sum, 1 thread")]
    public double DuckDbCaseOneThread()
    {
        Exec("set threads = 1");
        try
        {
            return DuckDbCase();
        }
        finally
        {
            Exec("reset threads");
        }
    }

    /// <summary>(e) Chained TensorPrimitives for the arithmetic; the null-dependent selections are scalar loops (no masked select applies).</summary>
    [Benchmark(OperationsPerInvoke = Rows, Description = "(e) TensorPrimitives chain")]
    public double[] TensorPrimitivesChain()
    {
        TensorPrimitives.Subtract(_data.Subtotal, _data.Discount, _tmp1);
        TensorPrimitives.Max(_tmp1, 0.0, _tmp1);
        var s = _data.Subtotal;
        var dv = _data.DiscountValid;
        for (int i = 0; i < Rows; i++)
        {
            if (!dv[i]) _tmp1[i] = s[i];
        }
        TensorPrimitives.Add(_data.TaxRate, 1.0, _tmp2);
        TensorPrimitives.Multiply(_tmp1, _tmp2, _tmp2);
        var tv = _data.TaxRateValid;
        var taxable = _data.Taxable;
        for (int i = 0; i < Rows; i++) _out[i] = !taxable[i] || !tv[i] ? _tmp1[i] : _tmp2[i];
        return _out;
    }

    /// <summary>The streaming-bandwidth floor: <c>c = a + b</c> over 80 MB arrays (TensorPrimitives, vectorized).</summary>
    [Benchmark(OperationsPerInvoke = Rows, Description = "bandwidth a+b->c (TensorPrimitives)")]
    public double[] BandwidthAdd()
    {
        TensorPrimitives.Add(_data.Subtotal, _data.TaxRate, _c);
        return _c;
    }

    /// <summary>Our add kernel on the same data through the evaluator (Arrow in, Arrow out).</summary>
    [Benchmark(OperationsPerInvoke = Rows, Description = "Chalk evaluator a+b")]
    public int EvaluatorAdd()
    {
        using var result = _add.Evaluate(_addBatch).GetArray(0);
        return result.Length;
    }
}
