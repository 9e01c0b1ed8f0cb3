using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>
/// Who owns evaluation memory: a result is the caller's (undisposed, it stays valid while anything points into it and
/// is never handed to a later evaluation; disposed, its buffer goes back to the pool once), and a compiled set's
/// scratch buffers are reused from one evaluation to the next without keeping the last batch or result alive.
/// </summary>
public sealed class ResultMemoryTests
{
    // 160 KB of output per result: past the large-object threshold, where buffers used to be pooled.
    private const int Rows = 20_000;

    [Test]
    public void Undisposed_results_stay_correct_after_many_evaluations_and_forced_collections()
    {
        var batches = Enumerable.Range(0, 3).Select(seed => RandomComputeTotalBatch(seed, Rows)).ToArray();
        var expected = batches.Select(ExpectedComputeTotal).ToArray();
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive()], batches[0].Schema);
        var kept = new List<(int Batch, DoubleArray Result)>();
        for (int k = 0; k < 30; k++)
        {
            var result = (DoubleArray)compiled.Evaluate(batches[k % 3]).GetArray(0);
            // Every other result is dropped undisposed, so collections have garbage results to reclaim.
            if (k % 2 == 0) kept.Add((k % 3, result));
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.That(kept, Has.Count.EqualTo(15));
        foreach (var (batch, result) in kept) Assert.That(result.Values.ToArray(), Is.EqualTo(expected[batch]));
    }

    [Test]
    public void Memory_taken_from_a_dropped_result_is_never_handed_to_a_later_evaluation()
    {
        var a = RandomComputeTotalBatch(1, Rows);
        var b = RandomComputeTotalBatch(2, Rows);
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive()], a.Schema);
        var memories = ValueMemoriesOfDroppedResults(compiled, a, 5);
        // The Arrow arrays are unreachable now; a finalizer that recycled their buffers would run here.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var later = Enumerable.Range(0, 10).Select(_ => compiled.Evaluate(b).GetArray(0)).ToList();
        var expected = ExpectedComputeTotal(a);
        foreach (var memory in memories) Assert.That(MemoryMarshal.Cast<byte, double>(memory.Span).ToArray(), Is.EqualTo(expected));
        GC.KeepAlive(later);
    }

    [Test]
    public void A_disposed_result_gives_its_buffer_to_the_next_evaluation()
    {
        var a = RandomComputeTotalBatch(3, Rows);
        var b = RandomComputeTotalBatch(4, Rows);
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive()], a.Schema);
        var disposed = compiled.Evaluate(a).GetArray(0);
        var buffer = BackingArray(disposed.Data.Buffers[1]);
        disposed.Dispose();
        var next = (DoubleArray)compiled.Evaluate(b).GetArray(0);
        // Fails if the Apache.Arrow internals ResultBuffers binds to are gone (then every result is a fresh array).
        Assert.That(BackingArray(next.Data.Buffers[1]), Is.SameAs(buffer));
        Assert.That(next.Values.ToArray(), Is.EqualTo(ExpectedComputeTotal(b)));
    }

    [Test]
    public void Disposing_a_result_twice_returns_its_buffer_once()
    {
        var a = RandomComputeTotalBatch(3, Rows);
        var b = RandomComputeTotalBatch(4, Rows);
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive()], a.Schema);
        var live = (DoubleArray)compiled.Evaluate(a).GetArray(0);
        var disposed = compiled.Evaluate(a).GetArray(0);
        disposed.Dispose();
        Assert.That(disposed.Dispose, Throws.Nothing);
        // Returned twice, one array would back both of the next two results.
        var first = (DoubleArray)compiled.Evaluate(b).GetArray(0);
        var second = (DoubleArray)compiled.Evaluate(b).GetArray(0);
        Assert.That(BackingArray(second.Data.Buffers[1]), Is.Not.SameAs(BackingArray(first.Data.Buffers[1])));
        var expectedB = ExpectedComputeTotal(b);
        Assert.That(first.Values.ToArray(), Is.EqualTo(expectedB));
        Assert.That(second.Values.ToArray(), Is.EqualTo(expectedB));
        Assert.That(live.Values.ToArray(), Is.EqualTo(ExpectedComputeTotal(a)));
    }

    [Test]
    public void A_steady_stream_of_evaluations_reuses_its_scratch_buffers()
    {
        var batch = RandomComputeTotalBatch(5, Rows);
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive()], batch.Schema);
        long first = AllocatedBy(() => compiled.Evaluate(batch).GetArray(0));
        long undisposed = AllocatedBy(() => compiled.Evaluate(batch).GetArray(0));
        // The first call builds a pinned chunk buffer per step (2,048 rows × 8 bytes for each of ~15 steps); later
        // ones allocate their result (a pool-sized array: nothing gave one back) and a few small objects.
        Assert.That(first - undisposed, Is.GreaterThan(64 * 1024), $"first call {first} B, steady call {undisposed} B");
        long resultArray = (long)BitOperations.RoundUpToPowerOf2((uint)(Rows * sizeof(double) + 64));
        Assert.That(undisposed, Is.LessThan(resultArray + 16 * 1024), $"steady call {undisposed} B for a {resultArray} B result array");
        AllocatedBy(() => Disposed(compiled.Evaluate(batch).GetArray(0)));
        long disposed = AllocatedBy(() => Disposed(compiled.Evaluate(batch).GetArray(0)));
        Assert.That(disposed, Is.LessThan(16 * 1024), "a steady call whose result is disposed reuses the last result's buffer");
    }

    [Test]
    public void A_compiled_set_keeps_neither_the_last_batch_nor_its_result_alive()
    {
        var schema = RandomComputeTotalBatch(6, 1).Schema;
        var compiled = ExpressionCompiler.Compile([ComputeTotal.Naive(), Expr.Coalesce(ComputeTotal.D, Expr.Lit(-1.0))], schema);
        var (input, output) = EvaluateAndDrop(compiled);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.That(input.IsAlive, Is.False, "the batch's subtotal buffer is still reachable");
        Assert.That(output.IsAlive, Is.False, "the result's value buffer is still reachable");
        GC.KeepAlive(compiled);
    }

    /// <summary>Lengths around the vector widths (4 and 8 doubles), the 64-row bitmap word and the chunk size.</summary>
    private static readonly int[] s_lengths =
        [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 2047, 2048, 2049, 4095, 4096, 4097];

    [Test]
    public void Lengths_around_the_vector_width_give_the_reference_results_with_reused_state()
    {
        var rng = new Random(11);
        int total = s_lengths.Max() + 8;
        var batch = TestData.Batch(
        [
            ("S", TestData.Column(rng, ExprType.Float64, total, TestData.Validity.Mixed)),
            ("D", TestData.Column(rng, ExprType.Float64, total, TestData.Validity.Mixed)),
            ("T", TestData.Column(rng, ExprType.Float64, total, TestData.Validity.Mixed)),
            ("I", TestData.Column(rng, ExprType.Bool, total, TestData.Validity.Mixed)),
            ("N", TestData.Column(rng, ExprType.Utf8, total, TestData.Validity.Mixed)),
            ("K", TestData.Column(rng, ExprType.Int64, total, TestData.Validity.Mixed)),
        ]);
        var s = Expr.Col("S", ExprType.Float64, true);
        var n = Expr.Col("N", ExprType.Utf8, true);
        var k = Expr.Col("K", ExprType.Int64, true);
        Expr[] exprs =
        [
            ComputeTotal.Naive(),
            Expr.Call("gt", s, Expr.Lit(0.0)),
            Expr.Call("concat", Expr.Call("upper", n), Expr.Lit("!")),
            Expr.Coalesce(k, Expr.Add(k, Expr.Lit(1L)), Expr.Lit(-1L)),
        ];
        var expected = exprs.Select(e => ReferenceEvaluator.Evaluate(e, batch)).ToArray();
        var compiled = ExpressionCompiler.Compile(exprs, batch.Schema);
        // Up then down, each length twice: the second call reuses the state the first left, a new size replaces it.
        foreach (int length in s_lengths.Concat(s_lengths.Reverse()).SelectMany(l => new[] { l, l }))
        {
            var result = compiled.Evaluate(TestData.Slice(batch, 3, length));
            for (int e = 0; e < exprs.Length; e++)
            {
                var actual = result.GetArray(e);
                Assert.That(actual.Length, Is.EqualTo(length));
                for (int row = 0; row < length; row++)
                {
                    var want = ArrowValues.GetValue(expected[e].Values, row + 3);
                    var got = ArrowValues.GetValue(actual, row);
                    if (!TestData.SameValue(want, got)) Assert.Fail($"{exprs[e]} at length {length}, row {row}: expected {TestData.Show(want)}, got {TestData.Show(got)}");
                }
            }
        }
    }

    private static RecordBatch RandomComputeTotalBatch(int seed, int rows)
    {
        var rng = new Random(seed);
        return CompilerTests.Batch(
            Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 1000).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(20) == 0 ? (double?)null : rng.NextDouble() * 200).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(20) == 0 ? (double?)null : rng.NextDouble() * 0.25).ToArray(),
            Enumerable.Range(0, rows).Select(_ => rng.Next(2) == 0).ToArray());
    }

    private static double[] ExpectedComputeTotal(RecordBatch batch)
    {
        var s = (DoubleArray)batch.Column(0);
        var d = (DoubleArray)batch.Column(1);
        var t = (DoubleArray)batch.Column(2);
        var i = (BooleanArray)batch.Column(3);
        return Enumerable.Range(0, batch.Length).Select(r => ComputeTotal.Method(s.GetValue(r)!.Value, d.GetValue(r), t.GetValue(r), i.GetValue(r)!.Value)).ToArray();
    }

    // Not inlined, so no local of the caller's frame keeps an Arrow array reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<ReadOnlyMemory<byte>> ValueMemoriesOfDroppedResults(CompiledExpressions compiled, RecordBatch batch, int count) =>
        Enumerable.Range(0, count).Select(_ => ((DoubleArray)compiled.Evaluate(batch).GetArray(0)).ValueBuffer.Memory).ToList();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Input, WeakReference Output) EvaluateAndDrop(CompiledExpressions compiled)
    {
        var batch = RandomComputeTotalBatch(7, 5000);
        var result = compiled.Evaluate(batch).GetArray(0);
        return (new WeakReference(BackingArray(batch.Column(0).Data.Buffers[1])), new WeakReference(BackingArray(result.Data.Buffers[1])));
    }

    private static byte[] BackingArray(ArrowBuffer buffer) =>
        MemoryMarshal.TryGetArray(buffer.Memory, out var segment) ? segment.Array! : throw new AssertionException("the buffer is not backed by a managed array");

    private static IArrowArray Disposed(IArrowArray array)
    {
        array.Dispose();
        return array;
    }

    private static long AllocatedBy(Func<IArrowArray> evaluate)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(evaluate());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
