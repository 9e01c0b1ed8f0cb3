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
    // Override to explore: CHALK_LIFT_SEED=<int> CHALK_LIFT_ROWS=<int> dotnet test … (a failure prints the row's inputs).
    private static readonly int Rows = int.TryParse(Environment.GetEnvironmentVariable("CHALK_LIFT_ROWS"), out var r) ? r : 2000;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("CHALK_LIFT_SEED"), out var s) ? s : 20261125;

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
        var batch = RandomBatches.For(method, Rows, Seed ^ StableHash(name));
        var lifted = result.Evaluate(batch);
        var perRow = result.EvaluatePerRow(batch);
        AssertSame(lifted, perRow, batch);
    }

    /// <summary>A per-method seed that is the same in every process (string.GetHashCode is randomized).</summary>
    private static int StableHash(string s)
    {
        int h = 17;
        foreach (char c in s) h = unchecked(h * 31 + c);
        return h & 0x7FFFFFFF;
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
