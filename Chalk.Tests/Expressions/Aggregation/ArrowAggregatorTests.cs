using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Expressions.Aggregation;

namespace Chalk.Tests.Expressions.Aggregation;

/// <summary><see cref="ArrowAggregator"/>'s edges: empty inputs, argument checks, key order, constants, cancellation.</summary>
[TestFixture]
public sealed class ArrowAggregatorTests
{
    private static readonly Expr s_rating = Expr.Col("review.rating", ExprType.Int32, nullable: true);

    private static AggregateExpr Agg(AggregateKind kind, Expr? value, ExprType type, bool failOnEmpty = false, Expr? order = null, bool distinct = false)
        => new(kind, "reviews", "review", value, null, order, false, distinct, failOnEmpty, type, nullable: true);

    private static RecordBatch Reviews(long[] ids, int?[] ratings) => TestData.Batch(
    [
        ("review.id", ArrowValues.BuildArray(ExprType.Int64, ids.Select(i => (object?)i).ToArray())),
        ("review.rating", ArrowValues.BuildArray(ExprType.Int32, ratings.Select(r => (object?)r).ToArray())),
    ]);

    [Test]
    public void EmptyBatchGivesEachParentTheEmptyAnswer()
    {
        var batch = Reviews([], []);
        AggregateExpr[] aggs = [Agg(AggregateKind.Count, null, ExprType.Int64), Agg(AggregateKind.Sum, s_rating, ExprType.Int32),
            Agg(AggregateKind.Average, s_rating, ExprType.Float64, failOnEmpty: true), Agg(AggregateKind.Max, s_rating, ExprType.Int32),
            Agg(AggregateKind.Any, null, ExprType.Bool)];
        var result = ArrowAggregator.Aggregate(batch, [], 2, "review.id", aggs);
        Assert.That(result.Count, Is.EqualTo(5));
        Assert.That(((Int64Array)result.Values[0]).ToList(), Is.EqualTo(new long?[] { 0, 0 }));
        Assert.That(((Int32Array)result.Values[1]).ToList(), Is.EqualTo(new int?[] { 0, 0 }));
        Assert.That(result.RowErrors[2], Is.EqualTo(new[] { new RowError(0, AggregateExpr.NoElementsMessage), new RowError(1, AggregateExpr.NoElementsMessage) }));
        Assert.That(result.Values[3].NullCount, Is.EqualTo(2));
        Assert.That(((BooleanArray)result.Values[4]).GetValue(0), Is.False);
    }

    [Test]
    public void NoParentsGiveEmptyArrays()
    {
        var batch = Reviews([1, 2], [5, 6]);
        var result = ArrowAggregator.Aggregate(batch, [-1, -1], 0, "review.id", [Agg(AggregateKind.Sum, s_rating, ExprType.Int32)]);
        Assert.That(result.Values[0].Length, Is.Zero);
        Assert.That(result.HasRowErrors, Is.False);
    }

    [Test]
    public void RowOrderIsThePrimaryKeyNotTheBatchOrder()
    {
        // Batch order 30, 10, 20 for parent 0: First is the rating of key 10, Last of key 30.
        var batch = Reviews([30, 10, 20, 5], [3, 1, 2, 9]);
        var result = ArrowAggregator.Aggregate(batch, [0, 0, 0, 1], 2, "review.id",
            [Agg(AggregateKind.First, s_rating, ExprType.Int32), Agg(AggregateKind.Last, s_rating, ExprType.Int32)]);
        Assert.That(((Int32Array)result.Values[0]).ToList(), Is.EqualTo(new int?[] { 1, 9 }));
        Assert.That(((Int32Array)result.Values[1]).ToList(), Is.EqualTo(new int?[] { 3, 9 }));
    }

    [Test]
    public void ConstantValuesAndFiltersAreExpanded()
    {
        var batch = Reviews([1, 2, 3], [1, 2, 3]);
        var sumOfOnes = Agg(AggregateKind.Sum, Expr.Lit(1L), ExprType.Int64);
        var none = new AggregateExpr(AggregateKind.Count, "reviews", "review", null, Expr.Lit(false), null, false, false, false, ExprType.Int32, true);
        var result = ArrowAggregator.Aggregate(batch, [0, 0, 1], 2, "review.id", [sumOfOnes, none]);
        Assert.That(((Int64Array)result.Values[0]).ToList(), Is.EqualTo(new long?[] { 2, 1 }));
        Assert.That(((Int32Array)result.Values[1]).ToList(), Is.EqualTo(new int?[] { 0, 0 }));
    }

    [Test]
    public void ArgumentsAreChecked()
    {
        var batch = Reviews([1, 2], [1, 2]);
        var sum = Agg(AggregateKind.Sum, s_rating, ExprType.Int32);
        Assert.Throws<ArgumentOutOfRangeException>(() => ArrowAggregator.Aggregate(batch, [0, 2], 2, "review.id", [sum]));
        Assert.Throws<ArgumentException>(() => ArrowAggregator.Aggregate(batch, [0], 2, "review.id", [sum]));
        Assert.Throws<ArgumentException>(() => ArrowAggregator.Aggregate(batch, [0, 0], 1, "review.nope", [sum]));
        Assert.Throws<ArgumentException>(() => ArrowAggregator.Aggregate(batch, [0, 0], 1, "review.id", [Agg(AggregateKind.Sum, s_rating, ExprType.Int64)]));
        Assert.Throws<ArgumentException>(() => ArrowAggregator.Aggregate(batch, [0, 0], 1, "review.id", [Agg(AggregateKind.Average, s_rating, ExprType.Int32)]));
        Assert.Throws<ArgumentException>(() => ArrowAggregator.Aggregate(batch, [0, 0], 1, "review.id",
            [Agg(AggregateKind.MaxBy, s_rating, ExprType.Int32, order: s_rating, distinct: true)]));
        var nullKeys = TestData.Batch([("review.id", ArrowValues.BuildArray(ExprType.Int64, [1L, null])), ("review.rating", batch.Column(1))]);
        Assert.Throws<ArgumentException>(() => ArrowAggregator.Aggregate(nullKeys, [0, 0], 1, "review.id", [sum]));
    }

    [Test]
    public void CancellationIsObserved()
    {
        var batch = Reviews([1], [1]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => ArrowAggregator.Aggregate(batch, [0], 1, "review.id", [Agg(AggregateKind.Count, null, ExprType.Int32)], cts.Token));
    }

    [Test]
    public void CompiledAggregationIsReusable()
    {
        var batch = Reviews([1, 2, 3], [4, null, 6]);
        var compiled = ArrowAggregator.Compile([Agg(AggregateKind.Average, s_rating, ExprType.Float64)], batch.Schema, "review.id");
        for (int i = 0; i < 2; i++)
        {
            var result = compiled.Aggregate(batch, [0, 0, 0], 1);
            Assert.That(((DoubleArray)result.Values[0]).GetValue(0), Is.EqualTo(5.0));
        }
    }

    [Test]
    public void Utf8OrdinalOrderIsStringCompareOrdinal()
    {
        string[] samples = ["", "a", "A", "ab", "é", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF", "😀", "😀a", "a😀", "𝄞", "\u0800", "\u07FF", "z"];
        var rng = new Random(5);
        for (int i = 0; i < 2000; i++)
        {
            string x = string.Concat(Enumerable.Range(0, rng.Next(3)).Select(_ => samples[rng.Next(samples.Length)]));
            string y = string.Concat(Enumerable.Range(0, rng.Next(3)).Select(_ => samples[rng.Next(samples.Length)]));
            int expected = Math.Sign(string.CompareOrdinal(x, y));
            int actual = Math.Sign(Utf8Ordinal.Compare(System.Text.Encoding.UTF8.GetBytes(x), System.Text.Encoding.UTF8.GetBytes(y)));
            Assert.That(actual, Is.EqualTo(expected), $"\"{x}\" vs \"{y}\"");
        }
    }
}
