using System.Text.RegularExpressions;
using Chalk.Expressions;
using Chalk.Sql.Aggregation;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>
/// Aggregates of different kinds over one value in one statement, where they share row columns and group aggregates
/// (sums, counts, the sign of the first zero): each must still agree with LINQ.
/// </summary>
/// <remarks>
/// The per-kind differential tests put one kind in a statement, so they never share across kinds. Small groups (one or
/// two rows) make the float edge cases whole groups: all NaN, all -0, +0 and -0 mixed, only nulls, no rows.
/// </remarks>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class AggregateSqlSharingTests
{
    private static IEnumerable<TestCaseData> Shapes()
    {
        foreach (var (filterName, _) in AggregateCases.Main)
        {
            foreach (var (valueName, value) in AggregateCases.Numbers.Where(n => n.Value.Type.IsFloat() || n.Name == "i"))
            {
                foreach (bool small in new[] { true, false })
                    yield return new TestCaseData(filterName, valueName, small).SetName($"Count, distinct Count, Sum, Average, Min and Max of {valueName} where {filterName} agree with LINQ ({(small ? "small" : "large")} groups)");
            }
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task Kinds_sharing_one_statement_agree_with_LINQ(string filterName, string valueName, bool small)
    {
        var data = small ? new ChildRows(7, parents: 300, children: 450) : new ChildRows(11);
        var cases = Cases(filterName, valueName);
        var problems = await AggregateResults.CompareAsync(data, cases);
        Assert.That(problems, Is.Empty, $"{cases.Count} aggregates; differences:\n" + string.Join("\n", problems));
    }

    [Test]
    public void Identical_sums_counts_and_zero_signs_are_computed_once()
    {
        var sql = AggregateSql.Build(new ChildRows(3).Request(Cases("all rows", "d").Select(c => c.Agg).ToList())).Sql!;
        Assert.Multiple(() =>
        {
            // Sum and Average (plain, and distinct) share their sums; Min, Max and the distinct Average the sign of the first zero.
            Assert.That(Regex.Count(sql, @"sum\((DISTINCT )?CAST\("), Is.EqualTo(2), sql);
            Assert.That(Regex.Count(sql, @"arg_min\(signbit\("), Is.EqualTo(1), sql);
            // A shared column is defined once, though every aggregate using it lists it.
            Assert.That(Regex.Matches(sql, @" AS (__a\d+_\w+)").Select(m => m.Groups[1].Value), Is.Unique, sql);
        });
    }

    private static List<(string Name, AggregateExpr Agg)> Cases(string filterName, string valueName)
    {
        var filter = AggregateCases.Main.Single(f => f.Name == filterName).Filter;
        var value = AggregateCases.Numbers.Single(n => n.Name == valueName).Value;
        var averageType = value.Type == ExprType.Float32 ? ExprType.Float32 : ExprType.Float64;
        var cases = new List<(string, AggregateExpr)>
        {
            ($"Count(where {filterName})", Make(AggregateKind.Count, null, filter, false, false, ExprType.Int32)),
            ($"LongCount(where {filterName})", Make(AggregateKind.Count, null, filter, false, false, ExprType.Int64)),
            ($"Select({valueName}).Distinct().Count(where {filterName})", Make(AggregateKind.Count, value, filter, true, false, ExprType.Int32)),
        };
        foreach (bool distinct in new[] { false, true })
        {
            string d = distinct ? ", distinct" : "";
            cases.Add(($"Sum({valueName}{d}) where {filterName}", Make(AggregateKind.Sum, value, filter, distinct, false, value.Type)));
            cases.Add(($"Average({valueName}{d}) where {filterName}", Make(AggregateKind.Average, value, filter, distinct, !value.Nullable, averageType)));
            cases.Add(($"Min({valueName}{d}) where {filterName}", Make(AggregateKind.Min, value, filter, distinct, !value.Nullable, value.Type)));
            cases.Add(($"Max({valueName}{d}) where {filterName}", Make(AggregateKind.Max, value, filter, distinct, !value.Nullable, value.Type)));
        }
        return cases;
    }

    private static AggregateExpr Make(AggregateKind kind, Expr? value, Expr? filter, bool distinct, bool failOnEmpty, ExprType type)
        => new(kind, "reviews", ChildRows.Row, value, filter, null, false, distinct, failOnEmpty, type, nullable: true);
}
