using Chalk.Expressions;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>Every aggregate kind, computed in DuckDB by <c>AggregateSql</c>, against LINQ to objects on random edge-heavy child rows.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class AggregateSqlDifferentialTests
{
    private static IEnumerable<TestCaseData> Kinds()
    {
        foreach (var kind in Enum.GetValues<AggregateKind>())
        {
            int chunks = (AggregateCases.For(kind).Count() + ChunkSize - 1) / ChunkSize;
            for (int chunk = 0; chunk < chunks; chunk++)
                yield return new TestCaseData(kind, chunk).SetName($"{kind} agrees with LINQ to objects (part {chunk + 1} of {chunks})");
        }
    }

    // Aggregates per statement: enough to exercise many aggregates in one statement, few enough to keep DuckDB's
    // planning of a wide statement quick.
    private const int ChunkSize = 24;

    [TestCaseSource(nameof(Kinds))]
    public async Task Every_variant_agrees_with_LINQ_value_for_value_and_error_for_error(AggregateKind kind, int chunk)
    {
        // A different seed per part varies the data too.
        var data = new ChildRows(1 + chunk);
        var cases = AggregateCases.For(kind).Chunk(ChunkSize).ElementAt(chunk).ToList();
        var problems = await AggregateResults.CompareAsync(data, cases);
        Assert.That(problems, Is.Empty, $"{cases.Count} aggregates; differences:\n" + string.Join("\n", problems));
    }

    private static IEnumerable<TestCaseData> StringOrderings()
        => Enum.GetValues<AggregateKind>().Where(k => AggregateCases.StringOrderings(k).Any())
            .Select(k => new TestCaseData(k).SetName($"{k} over codes ordered as their bytes agrees with LINQ to objects"));

    [TestCaseSource(nameof(StringOrderings))]
    public async Task String_orderings_over_codes_the_culture_orders_as_their_bytes_agree_with_LINQ(AggregateKind kind)
    {
        // Every string the statement orders is a code the culture orders as its bytes: the byte-ordered statement runs
        // (no rank table) wherever no string key orders another value, and must still answer as LINQ does.
        // The cases over a column only: the other string expression falls back to "~", which the culture puts before
        // digits and UTF-8 after letters (its cases run, ranked, in the test above).
        var cases = AggregateCases.StringOrderings(kind).Where(c => !c.Name.Contains('~', StringComparison.Ordinal)).ToList();
        var ran = new List<(bool HasBytesForm, bool Bytes)>();
        foreach (int seed in new[] { 3, 4 })
        {
            var problems = await AggregateResults.CompareAsync(new ChildRows(seed, strings: ChildRows.ByteOrderedStrings), cases,
                ran: (statement, bytes) => ran.Add((statement.BytesSql is not null, bytes)));
            Assert.That(problems, Is.Empty, $"{cases.Count} aggregates, seed {seed}; differences:\n" + string.Join("\n", problems));
        }
        Assert.That(ran.Where(r => r.HasBytesForm).Select(r => r.Bytes), Has.All.True, "a byte-ordered form was there and did not run");
    }
}
