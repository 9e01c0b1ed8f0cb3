using Chalk.Typed;

namespace Chalk.Tests.Engine.Typed;

/// <summary><c>QueryAsync&lt;T&gt;</c>: inputs from objects, answers as filled feature-class instances that agree with
/// the untyped query, on both the lifted and the per-row paths.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class TypedQueryTests(bool lifting) : BikeShareFixture(lifting)
{
    private static readonly string[] RideOutputs = Feature.Paths<BikeRide>(
        r => r.Minutes, r => r.StartedAt, r => r.Fare, r => r.Rider!.Name, r => r.Rider!.MembershipTier, r => r.Rider!.BirthYear,
        r => r.Rider!.JoinedAt, r => r.Rider!.Rating, r => r.Rider!.Verified, r => r.StartDock!.Capacity, r => r.StartDock!.City!.Country);

    private Task<OnlineResult> UntypedAsync(long id, IReadOnlyList<string> outputs)
        => Engine.QueryAsync(new Dictionary<string, object?> { ["bike_ride.id"] = id }, outputs);

    [Test]
    public async Task The_requested_features_are_filled_with_the_values_of_the_untyped_query_including_has_one_objects()
    {
        var ride = await Engine.QueryAsync<BikeRide>(new { Id = 1000L }, RideOutputs);
        var row = await UntypedAsync(1000, RideOutputs);
        Assert.That(ride, Is.Not.Null);
        Assert.That(ride!.Id, Is.EqualTo(1000), "the primary key is always filled");
        Assert.That(ride.Minutes, Is.EqualTo(row.Get<double>("bike_ride.minutes")).And.EqualTo(12.5));
        Assert.That(ride.StartedAt, Is.EqualTo(row.Get<DateTime>("bike_ride.started_at")));
        Assert.That(ride.Fare, Is.EqualTo(row.Get<double>("bike_ride.fare")).And.EqualTo(1.25));
        Assert.That(ride.Rider!.Id, Is.EqualTo(100), "a has-one object holds its key");
        Assert.That(ride.Rider.Name, Is.EqualTo("Ada"));
        Assert.That(ride.Rider.MembershipTier, Is.EqualTo("annual"), "the [Feature(\"tier\")] property");
        Assert.That(ride.Rider.BirthYear, Is.EqualTo(1990));
        Assert.That(ride.Rider.JoinedAt, Is.EqualTo(row.Get<DateTimeOffset>("bike_ride.rider.joined_at")).And.EqualTo(new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero)));
        Assert.That(ride.Rider.Rating, Is.EqualTo(4.5f));
        Assert.That(ride.Rider.Verified, Is.True);
        Assert.That(ride.StartDock!.Capacity, Is.EqualTo(20));
        Assert.That(ride.StartDock.City!.Country, Is.EqualTo("FR"));
        Assert.That(ride.StartDock.City.Id, Is.EqualTo(1));
        Assert.That(ride.StartDock.Name, Is.EqualTo(""), "a feature not asked for keeps its default");
        Assert.That(ride.RiderId, Is.Null, "a foreign key not asked for is not filled");
    }

    [Test]
    public async Task A_computed_property_computes_on_the_object_what_theEngine_computed()
    {
        string[] outputs = Feature.Paths<BikeRide>(r => r.IsLong, r => r.RiderGreeting, r => r.Rider!.IsMember, r => r.StartDock!.Label);
        foreach (var id in new long[] { 1000, 1001, 1002, 1003 })
        {
            var ride = (await Engine.QueryAsync<BikeRide>(new { Id = id }, outputs))!;
            var row = await UntypedAsync(id, outputs);
            Assert.That(ride.IsLong, Is.EqualTo(row.Get<bool>("bike_ride.is_long")), $"ride {id}");
            Assert.That(ride.RiderGreeting, Is.EqualTo(row.Get<string>("bike_ride.rider_greeting")), $"ride {id}");
            Assert.That(ride.Rider?.IsMember, Is.EqualTo(row.Get<bool?>("bike_ride.rider.is_member")), $"ride {id}");
            Assert.That(ride.StartDock!.Label, Is.EqualTo(row.Get<string>("bike_ride.start_dock.label")), $"ride {id}");
        }
        var dangling = (await Engine.QueryAsync<BikeDock>(new { Id = 12L }, [Feature.Of<BikeDock>(d => d.Label)]))!;
        Assert.That(dangling.Label, Is.EqualTo("Lost, nowhere"), "city 99 does not exist, so City is null as in C#");
    }

    [Test]
    public async Task Inputs_come_from_anonymous_objects_instances_and_dictionaries_alike()
    {
        string[] outputs = [Feature.Of<BikeRide>(r => r.Minutes)];
        object[] forms =
        [
            new { Id = 1002L },
            new { Id = 1002 },                      // an int, converted as the untyped query converts it
            new { id = 1002L },                     // by feature name
            new BikeRide { Id = 1002, Minutes = -1 },  // an instance: its primary key only
            new Dictionary<string, object?> { ["bike_ride.id"] = 1002L },
        ];
        foreach (var inputs in forms)
            Assert.That((await Engine.QueryAsync<BikeRide>(inputs, outputs))!.Minutes, Is.EqualTo(90.0), inputs.ToString());
        var rider = await Engine.QueryAsync<Rider>(new { Id = 101L }, Feature.Paths<Rider>(r => r.Name, r => r.BirthYear));
        Assert.That(rider!.Name, Is.EqualTo("Ben"));
        Assert.That(rider.BirthYear, Is.Null, "a null feature in a nullable property");
    }

    [Test]
    public void A_has_one_property_of_the_inputs_holds_the_related_rows_inputs()
    {
        var ride = Engine.Features.FindClass(typeof(BikeRide))!;
        Assert.That(TypedInputs.Of(ride, new { Id = 1L, Rider = new { Id = 100L, Name = "Ada" } }), Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["bike_ride.id"] = 1L, ["bike_ride.rider.id"] = 100L, ["bike_ride.rider.name"] = "Ada",
        }));
        Assert.That(TypedInputs.Of(ride, new { StartDock = new BikeDock { Id = 10 } }),
            Is.EquivalentTo(new Dictionary<string, object?> { ["bike_ride.start_dock.id"] = 10L }), "an instance of the related class gives its key");
    }

    [Test]
    public async Task A_row_that_does_not_exist_is_null_and_a_missing_related_row_leaves_its_object_null()
    {
        Assert.That(await Engine.QueryAsync<BikeRide>(new { Id = 4242L }, RideOutputs), Is.Null);
        var noRider = (await Engine.QueryAsync<BikeRide>(new { Id = 1003L }, RideOutputs))!;
        Assert.That(noRider.Rider, Is.Null, "rider_id is null");
        Assert.That(noRider.StartDock!.City!.Country, Is.Null, "Porto's country is null in SQLite");
        Assert.That(noRider.Fare, Is.EqualTo(0.5), "a rider-less ride is not casual");
        var danglingRider = (await Engine.QueryAsync<BikeRide>(new { Id = 1005L }, RideOutputs))!;
        Assert.That(danglingRider.Rider, Is.Null, "rider 999 does not exist");
        Assert.That(danglingRider.StartDock!.City!.Country, Is.EqualTo("FR"));
        var danglingDock = (await Engine.QueryAsync<BikeRide>(new { Id = 1006L }, RideOutputs))!;
        Assert.That(danglingDock.StartDock, Is.Null, "dock 99 does not exist");
        Assert.That(danglingDock.Rider!.Name, Is.EqualTo("Ben"));
    }

    [Test]
    public async Task A_failed_feature_throws_instead_of_leaving_a_default_in_the_object()
    {
        string[] outputs = Feature.Paths<BikeRide>(r => r.Minutes, r => r.Surcharge);
        var untyped = await UntypedAsync(1004, outputs);
        Assert.That(untyped.Errors.Select(e => e.Feature), Is.EqualTo(new[] { "bike_ride.surcharge" }));
        var e = (await Assert.ThrowsAsync<ChalkResolverException>(() => Engine.QueryAsync<BikeRide>(new { Id = 1004L }, outputs)))!;
        Assert.That(e.Message, Does.StartWith("QueryAsync<BikeRide>: 1 feature value(s) failed"));
        Assert.That(e.Message, Does.Contain("bike_ride.surcharge (row 0)").And.Contain("a ride over five hours needs a manual surcharge"));
        Assert.That((await Engine.QueryAsync<BikeRide>(new { Id = 1002L }, outputs))!.Surcharge, Is.EqualTo(2.5), "the same features of another ride");
        Assert.That((await Engine.QueryAsync<BikeRide>(new { Id = 1004L }, [outputs[0]]))!.Minutes, Is.EqualTo(400.0), "the same ride without the failing feature");
    }

    [Test]
    public async Task Features_an_object_cannot_hold_are_refused_before_the_query_runs()
    {
        var windowed = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync<BikeDock>(new { Id = 10L }, [Feature.Of<BikeDock>(d => d.RecentDepartures(Window.Of("7d")))])))!;
        Assert.That(windowed.Message, Does.Contain("dock.recent_departures[7d] is a window of the method BikeDock.RecentDepartures(7d), so a BikeDock object has nowhere to hold it"));
        var aggregate = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync<BikeRide>(new { Id = 1000L }, [Feature.Of<BikeRide>(r => r.Rider!.TotalMinutes)])))!;
        Assert.That(aggregate.Message, Does.Contain("Rider.TotalMinutes is computed from the has-many relation Rider.Rides"));
        Assert.That(aggregate.Message, Does.Contain("read bike_ride.rider.total_minutes from QueryAsync's OnlineResult"));
    }

    [Test]
    public async Task Misuse_is_reported_naming_the_culprit()
    {
        var notRegistered = (await Assert.ThrowsAsync<ChalkPlanException>(() => Engine.QueryAsync<Chalk.Examples.Marketplace.Review>(new { Id = 1L }, ["review.rating"])))!;
        Assert.That(notRegistered.Message, Does.StartWith("Review is not a feature class of this engine"));
        var unknownInput = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync<BikeRide>(new { Idd = 1L }, ["bike_ride.minutes"])))!;
        Assert.That(unknownInput.Message, Does.Contain(".Idd names no feature of BikeRide"));
        var badValue = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync<BikeRide>(new { Id = "1000" }, ["bike_ride.minutes"])))!;
        Assert.That(badValue.Message, Does.Contain("input 'bike_ride.id' is a string but the feature is long"));
        var otherClass = (await Assert.ThrowsAsync<ChalkPlanException>(() => Engine.QueryAsync<BikeRide>(new { Id = 1000L }, ["rider.name"])))!;
        Assert.That(otherClass.Message, Does.Contain("output 'rider.name' is a feature of rider, but the inputs are features of bike_ride"));
        var typo = (await Assert.ThrowsAsync<ChalkPlanException>(() => Engine.QueryAsync<BikeRide>(new { Id = 1000L }, ["bike_ride.minuts"])))!;
        Assert.That(typo.Message, Does.Contain("did you mean 'bike_ride.minutes'"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Engine.QueryAsync<BikeRide>(null!, ["bike_ride.minutes"]));
        var hasMany = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryAsync<Rider>(new { Rides = 1 }, ["rider.name"])))!;
        Assert.That(hasMany.Message, Does.Contain("names the has-many relation Rider.Rides, which cannot be an input"));
    }
}
