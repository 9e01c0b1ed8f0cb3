using Chalk.Expressions;
using Chalk.Sql.Translation;

namespace Chalk.Tests.Sql.Translation;

[TestFixture]
public class DuckDbSqlTranslatorDifferentialTests
{
    private const int Expressions = 400;
    private const int RowCount = 48;

    /// <remarks>A soak run: set CHALK_TRANSLATION_SEED and CHALK_TRANSLATION_EXPRESSIONS (e.g. 3000).</remarks>
    [Test]
    public void Translated_random_expressions_match_the_reference_evaluator_on_duckdb()
        => Run(EnvInt("CHALK_TRANSLATION_SEED") ?? 20261125, EnvInt("CHALK_TRANSLATION_EXPRESSIONS") ?? Expressions);

    private static int? EnvInt(string name)
        => int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private static void Run(int seed, int expressions)
    {
        var gen = new RandomExprs(seed);
        using var db = new DuckDbHarness(gen.Rows(RowCount));
        int translated = 0, maxLength = 0;
        var refusals = new Dictionary<string, int>(StringComparer.Ordinal);
        var failures = new List<string>();
        for (int k = 0; k < expressions; k++)
        {
            var expr = gen.Expr(depth: 4);
            var tr = DuckDbSqlTranslator.Translate(expr, DuckDbHarness.ColumnSql);
            if (!tr.Succeeded)
            {
                Assert.That(tr.FailureReason, Is.Not.Empty);
                string key = tr.FailureReason!.Split(':')[0];
                refusals[key] = refusals.GetValueOrDefault(key) + 1;
                continue;
            }
            translated++;
            maxLength = Math.Max(maxLength, tr.Sql!.Length);
            var diff = db.Compare(expr, tr);
            if (diff is not null) failures.Add($"{expr}\n  {diff}");
        }
        TestContext.Out.WriteLine($"longest SQL: {maxLength} characters");
        TestContext.Out.WriteLine($"translated {translated} of {expressions} ({100.0 * translated / expressions:F1}%)");
        foreach (var (reason, count) in refusals.OrderByDescending(p => p.Value)) TestContext.Out.WriteLine($"  refused {count}: {reason}");
        Assert.That(failures, Is.Empty, () => $"{failures.Count} mismatches; first:\n{string.Join("\n\n", failures.Take(5))}");
        Assert.That(translated, Is.GreaterThan(expressions / 2));
    }
}
