using Apache.Arrow;
using Chalk.Expressions;
using static Chalk.Expressions.Expr;

namespace Chalk.Tests.Expressions;

/// <summary>
/// A batch of hundreds of thousands of rows is evaluated by several threads at once, each over its own range of whole
/// chunks: every value, null and row error must be the one the reference evaluator gives row by row, the errors in row
/// order, and a result without nulls must carry no validity buffer, as a single-threaded evaluation's does not.
/// </summary>
public sealed class ParallelEvaluationTests
{
    // Above two threads' worth (64K rows each) and not a multiple of the chunk size, so the last range is partial.
    private const int Rows = 300_007;

    private static readonly Expr D = Col("d", ExprType.Float64, nullable: true);
    private static readonly Expr I = Col("i", ExprType.Int32, nullable: true);
    private static readonly Expr B = Col("b", ExprType.Bool, nullable: true);
    private static readonly Expr S = Col("s", ExprType.Utf8, nullable: true);

    private static readonly Expr[] Expressions =
    [
        Add(Mul(D, Lit(2.0)), Lit(1.0)),
        Div(Lit(100), I),
        And(B, Call("gt", D, Lit(0.0))),
        Call("gt", Call("length", S), Lit(2)),
        Coalesce(D, Lit(0.0)),
        Lit(7L),
    ];

    private static RecordBatch RandomBatch(int seed, int rows)
    {
        var rng = new Random(seed);
        return TestData.Batch(
        [
            ("d", TestData.Column(rng, ExprType.Float64, rows, TestData.Validity.Mixed)),
            ("i", TestData.Column(rng, ExprType.Int32, rows, TestData.Validity.Mixed, "digits")),
            ("b", TestData.Column(rng, ExprType.Bool, rows, TestData.Validity.Mixed)),
            ("s", TestData.Column(rng, ExprType.Utf8, rows, TestData.Validity.Mixed)),
        ]);
    }

    [TestCase(0)]
    [TestCase(5)]
    public void Every_row_is_what_the_reference_evaluator_gives(int offset)
    {
        var whole = RandomBatch(17, Rows + offset);
        // A sliced batch: its columns start part way into their Arrow buffers.
        var batch = offset == 0 ? whole : TestData.Slice(whole, offset, Rows);
        var compiled = ExpressionCompiler.Compile(Expressions, batch.Schema);
        var result = compiled.Evaluate(batch);
        var columns = Enumerable.Range(0, batch.ColumnCount).ToDictionary(c => batch.Schema.GetFieldByIndex(c).Name, batch.Column);
        for (int e = 0; e < Expressions.Length; e++)
        {
            var array = result.GetArray(e);
            var errors = result.RowErrors[e];
            var expectedErrors = new List<RowError>();
            var mismatches = new List<string>();
            for (int r = 0; r < Rows && mismatches.Count < 5; r++)
            {
                var want = ReferenceEvaluator.EvaluateRow(compiled.Expressions[e], n => ArrowValues.GetValue(columns[n], r));
                if (want.Error is not null)
                {
                    expectedErrors.Add(new RowError(r, want.Error));
                    if (array.IsValid(r)) mismatches.Add($"row {r}: fails in the reference, valid here");
                    continue;
                }
                var got = ArrowValues.GetValue(array, r);
                if (!TestData.SameValue(want.Value, got)) mismatches.Add($"row {r}: reference {TestData.Show(want.Value)}, got {TestData.Show(got)}");
            }
            Assert.That(mismatches, Is.Empty, $"expression {e}: {compiled.Expressions[e]}");
            Assert.That(errors, Is.EqualTo(expectedErrors), $"expression {e}: the row errors, in row order");
        }
        Assert.That(result.RowErrors[1], Is.Not.Empty, "100 / i fails where i is 0");
        var noNulls = result.GetArray(4);
        Assert.Multiple(() =>
        {
            Assert.That(noNulls.NullCount, Is.EqualTo(0));
            Assert.That(noNulls.Data.Buffers[0].IsEmpty, Is.True, "a result without nulls has no validity buffer");
        });
    }

    [Test]
    public void Evaluations_at_once_on_one_compiled_set_do_not_mix_their_rows()
    {
        var batches = Enumerable.Range(0, 4).Select(seed => RandomBatch(seed, 140_000)).ToArray();
        var compiled = ExpressionCompiler.Compile([Expressions[0]], batches[0].Schema);
        var expected = batches.Select(b => compiled.Evaluate(b).GetArray(0)).ToArray();
        var got = new IArrowArray[batches.Length];
        Parallel.For(0, batches.Length, k => got[k] = compiled.Evaluate(batches[k]).GetArray(0));
        for (int k = 0; k < batches.Length; k++)
        {
            var want = (DoubleArray)expected[k];
            var actual = (DoubleArray)got[k];
            Assert.That(actual.Values.ToArray(), Is.EqualTo(want.Values.ToArray()));
            Assert.That(actual.NullCount, Is.EqualTo(want.NullCount));
        }
    }
}
