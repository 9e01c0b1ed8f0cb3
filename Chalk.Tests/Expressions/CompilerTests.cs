using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

public sealed class CompilerTests
{
    [Test]
    public void Compute_total_matches_the_CSharp_method_on_random_rows([Values(0, 1, 2047, 2048, 2049, 10_000)] int rows)
    {
        var rng = new Random(rows);
        var s = new double[rows];
        var d = new double?[rows];
        var t = new double?[rows];
        var taxable = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            s[i] = rng.Next(20) == 0 ? double.NaN : (rng.NextDouble() - 0.1) * 1000;
            d[i] = rng.Next(20) == 0 ? null : rng.NextDouble() * 200;
            t[i] = rng.Next(20) == 0 ? null : rng.NextDouble() * 0.3;
            taxable[i] = rng.Next(2) == 0;
        }
        var batch = Batch(s, d, t, taxable);
        var result = ExpressionCompiler.Compile([ComputeTotal.Naive()], batch.Schema).Evaluate(batch)[0];
        Assert.That(result.RowErrors, Is.Empty);
        var values = (DoubleArray)result.Values;
        for (int i = 0; i < rows; i++)
        {
            double expected = ComputeTotal.Method(s[i], d[i], t[i], taxable[i]);
            Assert.That(TestData.SameValue(expected, values.GetValue(i)), $"row {i}: expected {expected}, got {values.GetValue(i)}");
        }
    }

    internal static RecordBatch Batch(double[] s, double?[] d, double?[] t, bool[] taxable) => TestData.Batch(
    [
        ("S", ArrowValues.BuildArray(ExprType.Float64, s.Cast<object?>().ToArray())),
        ("D", ArrowValues.BuildArray(ExprType.Float64, d.Cast<object?>().ToArray())),
        ("T", ArrowValues.BuildArray(ExprType.Float64, t.Cast<object?>().ToArray())),
        ("I", ArrowValues.BuildArray(ExprType.Bool, taxable.Cast<object?>().ToArray())),
    ]);

    [Test]
    public void A_constant_expression_stays_a_scalar()
    {
        var batch = Batch([1, 2, 3], [null, 1, 2], [null, null, 0.1], [true, false, true]);
        var result = ExpressionCompiler.Compile([Expr.Add(Expr.Lit(1.0), Expr.Lit(2.0)), Expr.Col("S", ExprType.Float64)], batch.Schema).Evaluate(batch);
        Assert.That(result.Values[0].IsScalar, Is.True);
        Assert.That(result.Values[0].Scalar, Is.EqualTo(3.0));
        Assert.That(result.Values[1].IsScalar, Is.False);
        Assert.That(((DoubleArray)result.GetArray(0)).Values.ToArray(), Is.EqualTo(new[] { 3.0, 3.0, 3.0 }));
    }

    [Test]
    public void Unknown_columns_and_type_mismatches_are_named()
    {
        var schema = SimplifierTests.Schema();
        Assert.That(() => ExpressionCompiler.Compile([Expr.Col("Q", ExprType.Float64)], schema),
            Throws.ArgumentException.With.Message.Contains("column 'Q' is not in the input schema; columns: S, D, T, I"));
        Assert.That(() => ExpressionCompiler.Compile([Expr.Col("S", ExprType.Int64)], schema),
            Throws.ArgumentException.With.Message.Contains("column 'S' is double in the input schema but int64"));
    }

    [Test]
    public void A_bad_signature_names_the_function_and_argument_types()
    {
        Assert.That(() => Expr.Call("add", Expr.Lit(1), Expr.Lit(1.0)),
            Throws.ArgumentException.With.Message.StartsWith("function 'add' has no overload for (int32, float64)"));
        Assert.That(() => Expr.Call("frobnicate", Expr.Lit(1)), Throws.ArgumentException.With.Message.Contains("unknown function 'frobnicate'"));
        Assert.That(() => Expr.If(Expr.Lit(1), Expr.Lit(1), Expr.Lit(2)), Throws.ArgumentException.With.Message.Contains("condition must be bool"));
    }

    [Test]
    public void Errors_are_reported_per_row_with_the_dotnet_message()
    {
        var a = ArrowValues.BuildArray(ExprType.Int32, [6, 1, null, 9]);
        var b = ArrowValues.BuildArray(ExprType.Int32, [3, 0, 0, -1]);
        var batch = TestData.Batch([("a", a), ("b", b)]);
        var result = ExpressionCompiler.Compile([Expr.Div(Expr.Col("a", ExprType.Int32, true), Expr.Col("b", ExprType.Int32))], batch.Schema).Evaluate(batch)[0];
        Assert.That(result.RowErrors, Is.EqualTo(new[] { new RowError(1, "Attempted to divide by zero.") }));
        Assert.That(Enumerable.Range(0, 4).Select(i => ArrowValues.GetValue(result.Values, i)), Is.EqualTo(new object?[] { 2, null, null, -9 }));
    }

    [Test]
    public void Chunk_boundaries_do_not_change_results([Values(64, 128, 4096)] int chunkSize)
    {
        var rng = new Random(chunkSize);
        int rows = 5000;
        var s = Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 100).ToArray();
        var d = Enumerable.Range(0, rows).Select(_ => rng.Next(3) == 0 ? (double?)null : rng.NextDouble() * 50).ToArray();
        var t = Enumerable.Range(0, rows).Select(_ => rng.Next(3) == 0 ? (double?)null : rng.NextDouble()).ToArray();
        var taxable = Enumerable.Range(0, rows).Select(_ => rng.Next(2) == 0).ToArray();
        var batch = Batch(s, d, t, taxable);
        var expected = ExpressionCompiler.Compile([ComputeTotal.Naive()], batch.Schema).Evaluate(batch).GetArray(0);
        var actual = ExpressionCompiler.Compile([ComputeTotal.Naive()], batch.Schema, chunkSize).Evaluate(batch).GetArray(0);
        Assert.That(((DoubleArray)actual).Values.ToArray(), Is.EqualTo(((DoubleArray)expected).Values.ToArray()));
    }

    [Test]
    public void Concurrent_evaluations_of_one_compiled_set_agree()
    {
        var rng = new Random(7);
        int rows = 20_000;
        var batch = Batch(
            Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 100).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(3) == 0 ? (double?)null : rng.NextDouble() * 50).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(3) == 0 ? (double?)null : rng.NextDouble()).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(2) == 0).ToArray());
        var d = Expr.Col("D", ExprType.Float64, true);
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive(), Expr.Coalesce(d, Expr.Lit(-1.0))], batch.Schema);
        var expected = compiled.Evaluate(batch);
        var results = new EvaluationBatchResult[8];
        Parallel.For(0, results.Length, i => results[i] = compiled.Evaluate(batch));
        foreach (var r in results)
        {
            Assert.That(((DoubleArray)r.GetArray(0)).Values.ToArray(), Is.EqualTo(((DoubleArray)expected.GetArray(0)).Values.ToArray()));
            Assert.That(((DoubleArray)r.GetArray(1)).Values.ToArray(), Is.EqualTo(((DoubleArray)expected.GetArray(1)).Values.ToArray()));
        }
    }

    [Test]
    public void Disposing_outputs_never_touches_live_results()
    {
        int rows = 100_000;
        var rng = new Random(3);
        RecordBatch Make() => Batch(
            Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 100).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(3) == 0 ? (double?)null : rng.NextDouble() * 50).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(3) == 0 ? (double?)null : rng.NextDouble()).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(2) == 0).ToArray());
        var a = Make();
        var b = Make();
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive()], a.Schema);
        var live = (DoubleArray)compiled.Evaluate(a).GetArray(0);
        var snapshot = live.Values.ToArray();
        for (int k = 0; k < 4; k++) compiled.Evaluate(k % 2 == 0 ? b : a).GetArray(0).Dispose();
        var again = (DoubleArray)compiled.Evaluate(a).GetArray(0);
        Assert.That(live.Values.ToArray(), Is.EqualTo(snapshot));
        Assert.That(again.Values.ToArray(), Is.EqualTo(snapshot));
        live.Dispose();
        again.Dispose();
    }

    [Test]
    public void A_one_row_batch_evaluates()
    {
        var batch = Batch([100.0], [30.0], [0.1], [true]);
        var result = ExpressionCompiler.Compile([ComputeTotal.Naive()], batch.Schema).Evaluate(batch)[0];
        Assert.That(((DoubleArray)result.Values).GetValue(0), Is.EqualTo(ComputeTotal.Method(100.0, 30.0, 0.1, true)));
    }

    [Test]
    [Category("Kernels")]
    public void Reports_the_vector_widths_in_use()
    {
        TestContext.Out.WriteLine($"Vector512={System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated} Vector256={System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated} Vector128={System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated}");
        Assert.Pass();
    }
}
