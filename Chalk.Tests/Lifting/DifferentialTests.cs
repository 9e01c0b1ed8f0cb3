using System.Reflection;
using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>Every test method lifts, and the lifted expression gives exactly the per-row results: value for value, error for error.</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class DifferentialTests(IlFlavor flavor)
{
    private const int Rows = 2000;
    private const int Seed = 20261125;

    public static IEnumerable<string> Methods() =>
        LiftingAssets.Load(IlFlavor.Debug).GetTypes()
            .Where(t => t.Namespace == "Chalk.Tests.LiftingAssets.Lifted" && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Select(m => $"{t.Name}.{m.Name}"))
            .Order(StringComparer.Ordinal);

    [Test]
    public void There_are_at_least_sixty_test_methods() => Assert.That(Methods().Count(), Is.GreaterThanOrEqualTo(60));

    [TestCaseSource(nameof(Methods))]
    public void Lifted_matches_per_row_on_random_inputs(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var method = LiftingAssets.Method(flavor, "Lifted." + name[..dot], name[(dot + 1)..]);
        var result = Lifter.Lift(method);
        Assert.That(result.Succeeded, Is.True, result.Reason);
        TestContext.Out.WriteLine(result.ToString());
        var batch = RandomBatches.For(method, Rows, Seed ^ name.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
        var lifted = result.Evaluate(batch);
        var perRow = result.EvaluatePerRow(batch);
        AssertSame(lifted, perRow, batch);
    }

    internal static void AssertSame(EvaluationResult lifted, EvaluationResult perRow, RecordBatch batch)
    {
        Assert.That(lifted.Values.Length, Is.EqualTo(perRow.Values.Length));
        Assert.That(lifted.Values.Data.DataType.TypeId, Is.EqualTo(perRow.Values.Data.DataType.TypeId));
        var expectedErrors = perRow.RowErrors.ToDictionary(e => e.Row, e => e.Message);
        var actualErrors = lifted.RowErrors.ToDictionary(e => e.Row, e => e.Message);
        for (int row = 0; row < batch.Length; row++)
        {
            expectedErrors.TryGetValue(row, out var expectedError);
            actualErrors.TryGetValue(row, out var actualError);
            var expected = ArrowValues.GetValue(perRow.Values, row);
            var actual = ArrowValues.GetValue(lifted.Values, row);
            if (expectedError != actualError || !SameValue(expected, actual))
            {
                var inputs = string.Join(", ", batch.Schema.FieldsList.Select((f, i) => $"{f.Name}={Show(ArrowValues.GetValue(batch.Column(i), row))}"));
                Assert.Fail($"row {row} ({inputs}): per-row gave {Show(expected)} / error {expectedError ?? "none"}; lifted gave {Show(actual)} / error {actualError ?? "none"}");
            }
        }
    }

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y)),
        (null, _) or (_, null) => false,
        _ => a.Equals(b),
    };

    private static string Show(object? v) => v switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
