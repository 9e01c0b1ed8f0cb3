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
}
