using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>Aggregates as leaves of scalar expressions; closures; windows given through <see cref="LiftOptions.StructArguments"/>; gas.</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class AggregateCompositionTests(IlFlavor flavor)
{
    private string Lifted(string member)
    {
        var r = AggregateLiftingTests.Lift(flavor, "Composition", member);
        Assert.That(r.Succeeded, Is.True, r.Reason);
        return r.Expression!.ToString();
    }

    [Test]
    public void Aggregates_compose_with_arithmetic_and_inlined_computed_getters() =>
        Assert.That(Lifted("SpendPerOrder"), Is.EqualTo("sum(orders, col(\"order.total\")) / cast(max(count(orders), lit(1)), float64)"));

    [Test]
    public void A_ternary_on_the_relation_count_guards_a_failing_average() =>
        Assert.That(Lifted("AverageOrZero"), Is.EqualTo("if(gt(count(reviews), lit(0)), average(reviews, col(\"review.rating\"), empty: error), lit(0.0))"));

    [Test]
    public void Aggregates_nest_in_ifs() =>
        Assert.That(Lifted("Tier"), Is.EqualTo(
            "if(gt(count(reviews, where: not(lt(col(\"review.rating\"), lit(4)))), lit(10)), lit(\"gold\"), if(any(reviews), lit(\"silver\"), lit(\"none\")))"));

    [Test]
    public void An_unused_failing_aggregate_still_fails_the_row() =>
        Assert.That(Lifted("UnusedAverage"), Is.EqualTo("if(is_null(average(reviews, col(\"review.rating\"), empty: error)), count(reviews), count(reviews))"));

    [Test]
    public void A_closure_over_constant_locals_lifts_with_their_values() =>
        Assert.That(Lifted("CapturedConstant"), Is.EqualTo(
            "count(reviews, where: and(not(lt(col(\"review.rating\"), lit(3))), eq(col(\"review.kind\"), lit(\"text\"))))"));

    [Test]
    public void A_closure_that_also_captures_this_lifts_when_the_lambda_reads_only_locals() =>
        Assert.That(Lifted("ThisAndLocal"), Is.EqualTo("count(reviews, where: not(lt(col(\"review.rating\"), lit(3))))"));

    [Test]
    public void Nested_closure_scopes_lift_through_the_reference_to_the_outer_closure() =>
        Assert.That(Lifted("NestedScopes"), Is.EqualTo(
            "if(gt(col(\"threshold\"), lit(0.0)), count(reviews, where: and(not(lt(col(\"review.rating\"), lit(3))), not(gt(col(\"review.rating\"), lit(5))))), count(reviews, where: not(lt(col(\"review.rating\"), lit(3)))))"));

    [Test]
    public void An_instance_method_parameter_used_outside_a_lambda_is_a_column() =>
        Assert.That(Lifted("Scaled"), Is.EqualTo("sum(orders, col(\"order.total\")) * col(\"factor\")"));

    [Test]
    public void A_window_start_becomes_the_query_time_minus_the_duration() =>
        Assert.That(Lifted("ReviewCount"), Is.EqualTo("count(reviews, where: ge(col(\"review.created_at\"), col(\"__chalk_as_of\") - lit(duration(\"30.00:00:00\"))))"));

    // The start (query time - 30 days) can fail outside DateTime's range. Where the compiler's branches put it first, C#'s
    // && may become an eager and(): the second test cannot fail, so evaluating it anyway changes nothing.
    [Test]
    public void Both_window_ends_can_be_read_inside_the_lambda()
    {
        const string start = "gt(col(\"review.created_at\"), col(\"__chalk_as_of\") - lit(duration(\"30.00:00:00\")))";
        const string end = "le(col(\"review.created_at\"), col(\"__chalk_as_of\"))";
        Assert.That(Lifted("WindowedAverage"), Is.EqualTo($"average(reviews, col(\"review.score\"), where: if({start}, {end}, lit(false)))")
            .Or.EqualTo($"average(reviews, col(\"review.score\"), where: and({start}, {end}))"));
    }

    [Test]
    public void A_window_property_read_outside_the_lambda_and_captured_lifts_too() =>
        Assert.That(Lifted("WindowOutsideLambda"), Is.EqualTo("count(reviews, where: ge(col(\"review.created_at\"), col(\"__chalk_as_of\") - lit(duration(\"30.00:00:00\"))))"));

    [Test]
    public void Without_struct_arguments_a_window_parameter_does_not_lift()
    {
        var t = LiftingAssets.Load(flavor).GetType("Chalk.Tests.LiftingAssets.Aggregates.Composition", throwOnError: true)!;
        var r = Lifter.Lift(t.GetMethod("ReviewCount")!, new LiftOptions { MemberBinder = new AggregateBinder() });
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.StartWith("parameter 'w' of type Window has no IR type"));
    }

    [Test]
    public void A_struct_property_the_options_do_not_give_fails_with_the_given_ones()
    {
        var t = LiftingAssets.Load(flavor).GetType("Chalk.Tests.LiftingAssets.Aggregates.Composition", throwOnError: true)!;
        var r = Lifter.Lift(t.GetMethod("WindowedAverage")!, new LiftOptions
        {
            MemberBinder = new AggregateBinder(),
            StructArguments = _ => new Dictionary<string, Expr> { ["Start"] = AggregateLiftingTests.AsOf },
        });
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.StartWith("call to Window.get_End on a struct argument: only its properties Start are given (LiftOptions.StructArguments)"));
    }

    [Test]
    public void A_captured_parameter_is_a_parent_column_and_does_not_lift()
    {
        var r = AggregateLiftingTests.Lift(flavor, "Composition", "CapturedParameter");
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.StartWith("the lambda of Count over has-many relation 'reviews' reads col(\"min\"), which is not a column of the child row 'review'"));
        Assert.That(r.Reason, Does.Contain("at IL_").And.Contain("Composition.CapturedParameter"));
    }

    [Test]
    public void Gas_counts_an_aggregates_value_filter_and_key()
    {
        var count = (AggregateExpr)AggregateLiftingTests.Lift(flavor, "AggregateShapes", "WhereThenCount").Expression!;
        // The aggregate (1), and (1), eq on strings (4); the columns are free.
        Assert.That(LiftGas.Estimate(count), Is.EqualTo(6));
        var picked = (AggregateExpr)AggregateLiftingTests.Lift(flavor, "AggregateShapes", "SelectThenSum").Expression!;
        Assert.That(LiftGas.Estimate(picked), Is.EqualTo(2));
    }

    [Test]
    public void An_aggregate_that_can_fail_is_fallible_for_the_simplifier()
    {
        Expr value = Expr.Col("review.rating", ExprType.Int32);
        Assert.Multiple(() =>
        {
            Assert.That(Simplifier.CanFail(new AggregateExpr(AggregateKind.Average, "reviews", "review", value, null, null, false, false, true, ExprType.Float64, false)), Is.True);
            Assert.That(Simplifier.CanFail(new AggregateExpr(AggregateKind.Sum, "reviews", "review", value, null, null, false, false, false, ExprType.Int32, false)), Is.True);
            Assert.That(Simplifier.CanFail(new AggregateExpr(AggregateKind.Count, "reviews", "review", null, null, null, false, false, false, ExprType.Int32, false)), Is.False);
        });
    }
}
