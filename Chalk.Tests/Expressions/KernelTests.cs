using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>
/// Every kernel against the reference evaluator: lengths 0..256 and 10,000, no-null / all-null / mixed
/// validity, inputs sliced at an offset that is not a multiple of 8, and a scalar operand.
/// </summary>
[Category("Kernels")]
[Parallelizable(ParallelScope.Children)]
public sealed class KernelTests
{
    private const int BigLength = 10_000;
    private const int MaxSmallLength = 256;
    private static readonly int[] s_offsets = [0, 3];

    public sealed record Case(string Name, Func<Expr[], Expr> Build, ExprType[] ArgTypes, string[] Roles)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Case> Cases()
    {
        foreach (var f in FunctionRegistry.All)
        {
            foreach (var sig in f.Signatures)
            {
                var roles = sig.Args.Select((t, i) => f.Name == "round" && i == 1 ? "digits"
                    : f.Name is "substring" or "index_of" or "index_of_ignore_case" && t == ExprType.Int32 ? "index" : "").ToArray();
                yield return new Case($"{f.Name}{sig}", a => Expr.Call(f.Name, a), sig.Args.ToArray(), roles);
            }
        }
        ExprType[] all = [ExprType.Bool, ExprType.Int32, ExprType.Int64, ExprType.Float32, ExprType.Float64, ExprType.Utf8, ExprType.Timestamp, ExprType.Duration];
        foreach (var t in all)
        {
            yield return new Case($"if(bool, {t.Name()}, {t.Name()})", a => Expr.If(a[0], a[1], a[2]), [ExprType.Bool, t, t], ["", "", ""]);
            yield return new Case($"is_null({t.Name()})", a => Expr.IsNull(a[0]), [t], [""]);
            yield return new Case($"coalesce({t.Name()} x2)", a => Expr.Coalesce(a[0], a[1]), [t, t], ["", ""]);
            yield return new Case($"coalesce({t.Name()} x3)", a => Expr.Coalesce(a[0], a[1], a[2]), [t, t, t], ["", "", ""]);
        }
        foreach (var from in new[] { ExprType.Int32, ExprType.Int64, ExprType.Float32, ExprType.Float64 })
        {
            foreach (var to in new[] { ExprType.Int32, ExprType.Int64, ExprType.Float32, ExprType.Float64 })
            {
                if (from != to) yield return new Case($"cast({from.Name()}, {to.Name()})", a => Expr.Cast(a[0], to), [from], [""]);
            }
        }
        yield return new Case("if(ne(int32, 0), div(int32, int32), 0) hides untaken errors",
            a => Expr.If(Expr.Call("ne", a[1], Expr.Lit(0)), Expr.Div(a[0], a[1]), Expr.Lit(-1)), [ExprType.Int32, ExprType.Int32], ["", ""]);
        yield return new Case("coalesce(int32, div(int32, int32)) errors only where taken",
            a => Expr.Coalesce(a[0], Expr.Div(a[1], a[2])), [ExprType.Int32, ExprType.Int32, ExprType.Int32], ["", "", ""]);
    }

    [TestCaseSource(nameof(Cases))]
    public void Kernel_matches_the_reference_at_every_length_validity_and_offset(Case c)
    {
        var rng = new Random(c.Name.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        int total = BigLength + s_offsets.Max() + 8;
        foreach (var validity in Enum.GetValues<TestData.Validity>())
        {
            var columns = c.ArgTypes.Select((t, i) => ($"a{i}", TestData.Column(rng, t, total, validity, c.Roles[i]))).ToArray();
            var batch = TestData.Batch(columns);
            var args = c.ArgTypes.Select((t, i) => (Expr)Expr.Col($"a{i}", t, nullable: true)).ToArray();
            var expr = c.Build(args);
            var expected = ReferenceEvaluator.Evaluate(expr, batch);
            var compiled = ExpressionCompiler.Compile([expr], batch.Schema);
            // Offset 3 is a slice whose bitmap starts mid-byte; mixed validity also runs unsliced.
            foreach (int offset in validity == TestData.Validity.Mixed ? s_offsets : [3])
            {
                for (int length = 0; length <= MaxSmallLength; length++) Check(compiled, batch, expected, offset, length, validity);
            }
            Check(compiled, batch, expected, 5, BigLength, validity);
            Check(compiled, batch, expected, 0, total, validity);
        }
    }

    /// <summary>The cases with two or more operands, so one of them can be a scalar while another stays an array.</summary>
    public static IEnumerable<Case> MultiOperandCases() => Cases().Where(c => c.ArgTypes.Length >= 2);

    [TestCaseSource(nameof(MultiOperandCases))]
    public void Kernel_matches_the_reference_with_a_scalar_operand(Case c)
    {
        var rng = new Random(c.Name.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        for (int scalarArg = 0; scalarArg < c.ArgTypes.Length; scalarArg++)
        {
            for (int trial = 0; trial < 4; trial++)
            {
                var scalar = trial == 3 ? null : TestData.RandomValue(rng, c.ArgTypes[scalarArg], c.Roles[scalarArg]);
                var columns = c.ArgTypes.Select((t, i) => ($"a{i}", TestData.Column(rng, t, 600, TestData.Validity.Mixed, c.Roles[i]))).ToArray();
                var batch = TestData.Batch(columns);
                var args = c.ArgTypes.Select((t, i) => i == scalarArg ? Expr.Lit(scalar, t) : (Expr)Expr.Col($"a{i}", t, nullable: true)).ToArray();
                var expr = c.Build(args);
                var expected = ReferenceEvaluator.Evaluate(expr, batch);
                var compiled = ExpressionCompiler.Compile([expr], batch.Schema);
                foreach (int length in new[] { 0, 1, 7, 64, 65, 300, 597 }) Check(compiled, batch, expected, 3, length, TestData.Validity.Mixed);
            }
        }
    }

    private static void Check(CompiledExpressions compiled, RecordBatch batch, EvaluationResult expected, int offset, int length, TestData.Validity validity)
    {
        var slice = TestData.Slice(batch, offset, length);
        var result = compiled.Evaluate(slice);
        var actual = result.GetArray(0);
        Assert.That(actual.Length, Is.EqualTo(length));
        for (int i = 0; i < length; i++)
        {
            var e = ArrowValues.GetValue(expected.Values, offset + i);
            var a = ArrowValues.GetValue(actual, i);
            if (!TestData.SameValue(e, a))
            {
                var inputs = string.Join(", ", Enumerable.Range(0, batch.ColumnCount).Select(k => TestData.Show(ArrowValues.GetValue(batch.Column(k), offset + i))));
                Assert.Fail($"{compiled.Expressions[0]} row {i} (offset {offset}, length {length}, {validity}) of ({inputs}): expected {TestData.Show(e)}, got {TestData.Show(a)}");
            }
        }
        var expectedErrors = expected.RowErrors.Where(r => r.Row >= offset && r.Row < offset + length).Select(r => r with { Row = r.Row - offset }).ToArray();
        Assert.That(result.RowErrors[0], Is.EqualTo(expectedErrors), $"row errors at offset {offset}, length {length}, {validity}");
    }
}
