using System.Reflection;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>LINQ over has-many relations lifts to <see cref="AggregateExpr"/> nodes, from Debug and Release IL alike (docs/aggregations.md).</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class AggregateLiftingTests(IlFlavor flavor)
{
    internal const string NullReference = "error(\"Object reference not set to an instance of an object.\")";

    internal static readonly Expr AsOf = Expr.Col(AggregateExpr.AsOfColumn, ExprType.Timestamp);

    internal static LiftResult Lift(IlFlavor flavor, string type, string member)
    {
        var t = LiftingAssets.Load(flavor).GetType("Chalk.Tests.LiftingAssets.Aggregates." + type, throwOnError: true)!;
        var method = t.GetProperty(member)?.GetMethod
            ?? t.GetMethod(member, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            ?? throw new ArgumentException($"no member {type}.{member}");
        return Lifter.Lift(method, new LiftOptions
        {
            MemberBinder = new AggregateBinder(),
            // What the engine passes for a 30-day window: Start = as_of - 30 days, End = as_of.
            StructArguments = p => p.ParameterType.Name == "Window"
                ? new Dictionary<string, Expr> { ["Start"] = Expr.Sub(AsOf, Expr.Lit(TimeSpan.FromDays(30))), ["End"] = AsOf }
                : null,
        });
    }

    private LiftResult Lift(string type, string member) => Lift(flavor, type, member);

    [TestCase("CountAll", "count(reviews)", ExprType.Int32, false)]
    [TestCase("CountProperty", "count(reviews)", ExprType.Int32, false)]
    [TestCase("CountWhere", "count(reviews, where: not(lt(col(\"review.rating\"), lit(4))))", ExprType.Int32, false)]
    [TestCase("LongCountWhere", "count(reviews, where: col(\"review.verified\"))", ExprType.Int64, false)]
    [TestCase("WhereThenCount", "count(reviews, where: and(col(\"review.verified\"), eq(col(\"review.kind\"), lit(\"text\"))))", ExprType.Int32, false)]
    [TestCase("SumInt", "sum(reviews, col(\"review.rating\"))", ExprType.Int32, false)]
    [TestCase("SumNullableInt", "sum(reviews, col(\"review.stars\"))", ExprType.Int32, true)]
    [TestCase("SumLong", "sum(reviews, col(\"review.votes\"))", ExprType.Int64, false)]
    [TestCase("SumFloat", "sum(reviews, col(\"review.weight\"))", ExprType.Float32, false)]
    [TestCase("SumDouble", "sum(orders, col(\"order.total\"))", ExprType.Float64, false)]
    [TestCase("AverageInt", "average(reviews, col(\"review.rating\"), empty: error)", ExprType.Float64, false)]
    [TestCase("AverageNullableInt", "average(reviews, col(\"review.stars\"))", ExprType.Float64, true)]
    [TestCase("AverageLong", "average(reviews, col(\"review.votes\"), empty: error)", ExprType.Float64, false)]
    [TestCase("AverageFloat", "average(reviews, col(\"review.weight\"), empty: error)", ExprType.Float32, false)]
    [TestCase("AverageNullableFloat", "average(reviews, col(\"review.boost\"))", ExprType.Float32, true)]
    [TestCase("AverageCastToNullable", "average(reviews, col(\"review.score\"))", ExprType.Float64, true)]
    [TestCase("MinInt", "min(reviews, col(\"review.rating\"), empty: error)", ExprType.Int32, false)]
    [TestCase("MaxNullableLong", "max(reviews, col(\"review.likes\"))", ExprType.Int64, true)]
    [TestCase("MaxDouble", "max(reviews, col(\"review.score\"), empty: error)", ExprType.Float64, false)]
    [TestCase("LatestReview", "max(reviews, col(\"review.created_at\"), empty: error)", ExprType.Timestamp, false)]
    [TestCase("SelectThenAverage", "average(reviews, col(\"review.score\"), where: col(\"review.verified\"), empty: error)", ExprType.Float64, false)]
    [TestCase("SelectThenSum", "sum(reviews, col(\"review.rating\") * lit(2))", ExprType.Int32, false)]
    [TestCase("DistinctCount", "count(reviews distinct, col(\"review.product_id\"), where: eq(col(\"review.kind\"), lit(\"inquiry\")))", ExprType.Int32, false)]
    [TestCase("AnyAll", "any(reviews)", ExprType.Bool, false)]
    [TestCase("AnyWhere", "any(reviews, where: eq(col(\"review.rating\"), lit(1)))", ExprType.Bool, false)]
    [TestCase("AllVerified", "all(reviews, col(\"review.verified\"))", ExprType.Bool, false)]
    [TestCase("WhereThenAll", "all(reviews, gt(col(\"review.rating\"), lit(2)), where: eq(col(\"review.kind\"), lit(\"text\")))", ExprType.Bool, false)]
    [TestCase("MostRecentScore", "max_by(reviews, col(\"review.score\"), by: col(\"review.created_at\"))", ExprType.Float64, true)]
    [TestCase("LowestRatedStars", "min_by(reviews, col(\"review.stars\"), by: col(\"review.rating\"))", ExprType.Int32, true)]
    [TestCase("FirstByDateRating", "first(reviews, col(\"review.rating\"), by: col(\"review.created_at\"), empty: error)", ExprType.Int32, false)]
    [TestCase("LastByDateOrDefault", "last(reviews, col(\"review.rating\"), by: col(\"review.created_at\"))", ExprType.Int32, true)]
    [TestCase("NewestFirstOrDefault", "first(reviews, col(\"review.score\"), by desc: col(\"review.created_at\"))", ExprType.Float64, true)]
    [TestCase("FirstInRowOrder", "first(reviews, col(\"review.rating\"), empty: error)", ExprType.Int32, false)]
    [TestCase("LastInRowOrder", "last(reviews, col(\"review.rating\"), empty: error)", ExprType.Int32, false)]
    [TestCase("CountComputedChild", "count(reviews, where: not(lt(col(\"review.rating\"), lit(4))))", ExprType.Int32, false)]
    [TestCase("MethodGroup", "count(reviews, where: gt(col(\"review.rating\"), lit(3)))", ExprType.Int32, false)]
    [TestCase("StaticLambda", "count(reviews, where: gt(col(\"review.rating\"), lit(3)))", ExprType.Int32, false)]
    [TestCase("WhereAfterSelect", "count(reviews, where: gt(col(\"review.rating\"), lit(3)))", ExprType.Int32, false)]
    [TestCase("MaxOfSelected", "max(reviews, col(\"review.rating\"), empty: error)", ExprType.Int32, false)]
    [TestCase("SumOfSelectedNullable", "sum(reviews, col(\"review.stars\"))", ExprType.Int32, true)]
    [TestCase("DistinctSum", "sum(reviews distinct, col(\"review.rating\"))", ExprType.Int32, false)]
    [TestCase("OrderIgnoredByCount", "count(reviews, where: col(\"review.verified\"))", ExprType.Int32, false)]
    [TestCase("FilteredMostRecent", "max_by(reviews, col(\"review.score\"), by: col(\"review.created_at\"), where: col(\"review.verified\"))", ExprType.Float64, true)]
    public void A_LINQ_shape_lifts_to_one_aggregate(string member, string expected, ExprType type, bool nullable)
    {
        var r = Lift("AggregateShapes", member);
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression!.ToString(), Is.EqualTo(expected));
        var agg = (AggregateExpr)r.Expression;
        Assert.Multiple(() =>
        {
            Assert.That(agg.Type, Is.EqualTo(type));
            Assert.That(agg.Nullable, Is.EqualTo(nullable));
            Assert.That(agg.Row, Is.EqualTo(agg.Relation == "orders" ? "order" : "review"));
        });
    }

    [Test]
    public void Dereferencing_a_possibly_absent_picked_row_is_a_null_reference_unless_the_relation_has_rows()
    {
        var r = Lift("AggregateShapes", "MostRecentScoreOrThrow");
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression!.ToString(), Is.EqualTo(
            $"if(eq(count(reviews), lit(0)), {NullReference}, max_by(reviews, col(\"review.score\"), by: col(\"review.created_at\")))"));
    }

    [Test]
    public void A_picked_row_read_twice_after_a_null_test_is_one_shared_aggregate()
    {
        var r = Lift("AggregateShapes", "PickedRowTwice");
        Assert.That(r.Succeeded, Is.True, r.Reason);
        const string newest = "max_by(reviews, col(\"review.rating\"), by: col(\"review.created_at\"))";
        Assert.That(r.Expression!.ToString(), Is.EqualTo($"if(eq(count(reviews), lit(0)), lit(-1), {newest} + {newest})"));
        Assert.That(r.Gas, Is.EqualTo(5), "the two reads are one node after CSE");
    }

    [Test]
    public void First_with_a_predicate_fails_with_its_own_message_when_nothing_matches()
    {
        var r = Lift("AggregateShapes", "FirstWithPredicate");
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression!.ToString(), Is.EqualTo(
            "if(eq(count(reviews, where: col(\"review.verified\")), lit(0)), error(\"Sequence contains no matching element\"), first(reviews, col(\"review.rating\"), where: col(\"review.verified\")))"));
    }

    [Test]
    public void FirstOrDefault_of_selected_values_gives_the_default_on_no_rows()
    {
        var r = Lift("AggregateShapes", "FirstSelected");
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression!.ToString(), Is.EqualTo("coalesce(first(reviews, col(\"review.rating\"), by: col(\"review.created_at\")), lit(0))"));
    }

    [Test]
    public void A_relation_reached_through_a_missing_object_is_a_null_reference()
    {
        var r = Lift("AggregateShapes", "CountViaHasOne");
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression!.ToString(), Is.EqualTo($"if(col(\"owner_missing\"), {NullReference}, count(owner.reviews))"));
    }

    [Test]
    public void The_aggregate_records_its_relation_row_and_flags()
    {
        var r = Lift("AggregateShapes", "NewestFirstOrDefault");
        var agg = (AggregateExpr)r.Expression!;
        Assert.Multiple(() =>
        {
            Assert.That(agg.Kind, Is.EqualTo(AggregateKind.First));
            Assert.That(agg.Relation, Is.EqualTo("reviews"));
            Assert.That(agg.Row, Is.EqualTo("review"));
            Assert.That(agg.Value, Is.EqualTo(Expr.Col("review.score", ExprType.Float64)));
            Assert.That(agg.Order, Is.EqualTo(Expr.Col("review.created_at", ExprType.Timestamp)));
            Assert.That(agg.Descending, Is.True);
            Assert.That(agg.Distinct, Is.False);
            Assert.That(agg.FailOnEmpty, Is.False);
            Assert.That(agg.Filter, Is.Null);
        });
    }
}
