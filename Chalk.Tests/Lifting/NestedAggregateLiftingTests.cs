namespace Chalk.Tests.Lifting;

/// <summary>Aggregates inside the lambda of another aggregate, over the lambda's row's own relation, lift (the engine
/// computes them per child row first); an inner lambda reading the outer row, or the parent's relation, does not.</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class NestedAggregateLiftingTests(IlFlavor flavor)
{
    private string Lifted(string member)
    {
        var r = AggregateLiftingTests.Lift(flavor, "Fleet", member);
        Assert.That(r.Succeeded, Is.True, r.Reason);
        return r.Expression!.ToString();
    }

    private string Reason(string member)
    {
        var r = AggregateLiftingTests.Lift(flavor, "Fleet", member);
        Assert.That(r.Succeeded, Is.False, r.Expression?.ToString());
        return r.Reason!;
    }

    [Test]
    public void An_aggregate_over_each_rows_relation_lifts_inside_the_outer_lambda() =>
        Assert.That(Lifted("MostTrips"), Is.EqualTo("max(trucks, count(truck.trips), empty: error)"));

    [Test]
    public void The_outer_lambda_may_mix_the_rows_columns_and_its_aggregates() =>
        Assert.That(Lifted("BusyActiveTrucks"), Is.EqualTo(
            "count(trucks, where: and(col(\"truck.active\"), gt(sum(truck.trips, col(\"trip.km\")), lit(100.0))))"));

    [Test]
    public void A_window_captured_by_the_inner_lambda_lifts_through_the_closures_delegate_cache() =>
        Assert.That(Lifted("RecentlyUsed"), Is.EqualTo(
            "count(trucks, where: gt(count(truck.trips, where: ge(col(\"trip.started_at\"), col(\"__chalk_as_of\") - lit(duration(\"30.00:00:00\")))), lit(0)))"));

    [Test]
    public void An_inner_lambda_reading_the_outer_row_does_not_lift() =>
        Assert.That(Reason("CorrelatedInner"), Does.Contain("reads the parent object via `this` (Truck.get_RangeKm)"));

    [Test]
    public void The_parents_own_relation_inside_the_lambda_does_not_lift() =>
        Assert.That(Reason("ParentRelationInLambda"), Does.Contain("reads the parent object via `this`"));
}
