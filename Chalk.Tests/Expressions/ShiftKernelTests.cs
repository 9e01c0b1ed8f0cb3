using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>
/// Shifts by a constant count take the vector path (the count is masked once); every count that C# masks
/// differently from the vector width, at lengths around the vector widths, against the C# operators.
/// </summary>
[Category("Kernels")]
public sealed class ShiftKernelTests
{
    private static readonly int[] s_counts = [-65, -1, 0, 1, 5, 31, 32, 33, 63, 64, 100];

    [Test]
    public void Int32_shifts_by_a_constant_match_CSharp_at_lengths_around_vector_widths(
        [Values("shl", "shr", "shr_un")] string fn)
    {
        var rng = new Random(fn.Length);
        for (int length = 0; length <= 40; length++)
        {
            var values = Enumerable.Range(0, length).Select(i => i % 5 == 0 ? int.MinValue + i : rng.Next(int.MinValue, int.MaxValue)).ToArray();
            var batch = new RecordBatch(new Schema([new Field("x", ExprType.Int32.ToArrow(), false)], null), [new Int32Array.Builder().AppendRange(values).Build()], length);
            foreach (int n in s_counts)
            {
                var compiled = ExpressionCompiler.Compile([Expr.Call(fn, Expr.Col("x", ExprType.Int32, false), Expr.Lit(n))], batch.Schema);
                var got = (Int32Array)compiled.Evaluate(batch).GetArray(0);
                for (int i = 0; i < length; i++)
                {
                    int want = fn switch { "shl" => values[i] << n, "shr" => values[i] >> n, _ => values[i] >>> n };
                    Assert.That(got.GetValue(i), Is.EqualTo(want), $"{fn}({values[i]}, {n}) at {i} of {length}");
                }
            }
        }
    }

    [Test]
    public void Int64_shifts_by_a_constant_match_CSharp_at_lengths_around_vector_widths(
        [Values("shl", "shr", "shr_un")] string fn)
    {
        var rng = new Random(fn.Length + 7);
        for (int length = 0; length <= 24; length++)
        {
            var values = Enumerable.Range(0, length).Select(i => i % 3 == 0 ? long.MinValue + i : rng.NextInt64(long.MinValue, long.MaxValue)).ToArray();
            var batch = new RecordBatch(new Schema([new Field("x", ExprType.Int64.ToArrow(), false)], null), [new Int64Array.Builder().AppendRange(values).Build()], length);
            foreach (int n in s_counts)
            {
                var compiled = ExpressionCompiler.Compile([Expr.Call(fn, Expr.Col("x", ExprType.Int64, false), Expr.Lit(n))], batch.Schema);
                var got = (Int64Array)compiled.Evaluate(batch).GetArray(0);
                for (int i = 0; i < length; i++)
                {
                    long want = fn switch { "shl" => values[i] << n, "shr" => values[i] >> n, _ => values[i] >>> n };
                    Assert.That(got.GetValue(i), Is.EqualTo(want), $"{fn}({values[i]}, {n}) at {i} of {length}");
                }
            }
        }
    }
}
