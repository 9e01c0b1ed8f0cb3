using Chalk.Expressions;

namespace Chalk.Tests.Expressions.Aggregation;

/// <summary><see cref="ArrowAggregator"/> against LINQ to objects on random data: value for value, error for error.</summary>
[TestFixture]
public sealed class ArrowAggregatorOracleTests
{
    private const int Seeds = 10;

    private static readonly ExprType[] s_keyTypes = [ExprType.Int64, ExprType.Int32, ExprType.Utf8, ExprType.Timestamp];

    [TestCaseSource(typeof(AggregateCases), nameof(AggregateCases.All))]
    public void MatchesLinq(AggregateKind kind, ExprType type, bool nullable, bool distinct, bool filter)
    {
        int caseSeed = ((((int)kind * 16 + (int)type) * 2 + (nullable ? 1 : 0)) * 2 + (distinct ? 1 : 0)) * 2 + (filter ? 1 : 0);
        for (int seed = 0; seed < Seeds; seed++)
        {
            var rng = new Random(caseSeed * 1000 + seed);
            // Mostly small parents (ties, empty groups); now and then a large one.
            int parents = rng.Next(8) == 0 ? rng.Next(0, 3) : rng.Next(1, 25);
            int children = rng.Next(6) == 0 ? rng.Next(0, 400) : rng.Next(0, 120);
            var data = new ChildBatch(rng, children, parents, nullable, s_keyTypes[rng.Next(s_keyTypes.Length)]);
            // Two aggregates of the case in one call, so shared child expressions are evaluated once.
            AggregateExpr[] aggregates = [AggregateCases.Make(rng, data, kind, type, distinct, filter), AggregateCases.Make(rng, data, kind, type, distinct, filter)];
            var result = ArrowAggregator.Aggregate(data.Batch, data.ParentOfChild, data.Parents, ChildBatch.Key, aggregates);
            for (int i = 0; i < aggregates.Length; i++) Check(aggregates[i], data, result[i], $"seed {caseSeed * 1000 + seed}, aggregate {i}");
        }
    }

    internal static void Check(AggregateExpr agg, ChildBatch data, EvaluationResult actual, string context)
    {
        var expected = LinqOracle.Expected(agg, data);
        Assert.That(actual.Values.Length, Is.EqualTo(data.Parents), context);
        Assert.That(actual.Values.Data.DataType.TypeId, Is.EqualTo(agg.Type.ToArrow().TypeId), context);
        var errors = actual.RowErrors.ToDictionary(e => e.Row, e => e.Message);
        Assert.That(actual.RowErrors.Select(e => e.Row), Is.Ordered.And.Unique, context);
        for (int p = 0; p < data.Parents; p++)
        {
            var (value, error) = expected[p];
            var got = ArrowValues.GetValue(actual.Values, p);
            errors.TryGetValue(p, out var gotError);
            string where = $"{context}, parent {p} of {agg}: expected {TestData.Show(value)} / {error ?? "no error"}, got {TestData.Show(got)} / {gotError ?? "no error"}";
            Assert.That(gotError, Is.EqualTo(error), where);
            Assert.That(TestData.SameValue(value, got), Is.True, where);
        }
    }
}
