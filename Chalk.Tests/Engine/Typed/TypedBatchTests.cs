using Chalk.Expressions;

namespace Chalk.Tests.Engine.Typed;

/// <summary><c>QueryBatchAsync&lt;T&gt;</c>: rows of objects instead of hand-built Arrow columns, answers as objects
/// that hold exactly what the Arrow-built batch answers.</summary>
public sealed class TypedBatchTests : BikeShareFixture
{
    // Every ride but 1004, whose surcharge fails, and 4242, which does not exist.
    private static readonly long[] Ids = [1000, 1001, 4242, 1002, 1003, 1005, 1006, 1000];

    private static readonly string[] Outputs = Feature.Paths<BikeRide>(
        r => r.Minutes, r => r.StartedAt, r => r.Fare, r => r.Surcharge, r => r.IsLong, r => r.Rider!.Name, r => r.Rider!.JoinedAt,
        r => r.Rider!.Rating, r => r.Rider!.BirthYear, r => r.StartDock!.Capacity, r => r.StartDock!.City!.Name);

    // Each object's values, read back through the typed reference of each output, against the Arrow-built table.
    private static void AssertSameAsTable(IReadOnlyList<BikeRide?> rides, BatchResult table)
    {
        Assert.That(rides, Has.Count.EqualTo(table.Table.Length));
        var read = new Dictionary<string, Func<BikeRide, object?>>
        {
            [Outputs[0]] = r => r.Minutes, [Outputs[1]] = r => r.StartedAt, [Outputs[2]] = r => r.Fare, [Outputs[3]] = r => r.Surcharge,
            [Outputs[4]] = r => r.IsLong, [Outputs[5]] = r => r.Rider?.Name, [Outputs[6]] = r => r.Rider?.JoinedAt.UtcDateTime,
            [Outputs[7]] = r => r.Rider?.Rating, [Outputs[8]] = r => r.Rider?.BirthYear, [Outputs[9]] = r => r.StartDock?.Capacity,
            [Outputs[10]] = r => r.StartDock?.City?.Name,
        };
        for (int row = 0; row < rides.Count; row++)
        {
            bool exists = !table.MissingRows.Any(m => m.Row == row && m.Path == "bike_ride");
            Assert.That(rides[row] is not null, Is.EqualTo(exists), $"row {row}");
            if (rides[row] is not { } ride) continue;
            foreach (var (name, get) in read)
                Assert.That(get(ride), Is.EqualTo(ArrowValues.Get(table.Table.Column(name), row)), $"{name} of row {row}");
        }
    }

    [Test]
    public async Task Rows_of_instances_answer_as_the_arrow_built_batch_does()
    {
        var table = await Engine.QueryBatchDetailedAsync(ArrowInputs(Ids), Outputs);
        Assert.That(table.Errors, Is.Empty);
        var rides = await Engine.QueryBatchAsync<BikeRide>(Ids.Select(id => new BikeRide { Id = id }), Outputs);
        AssertSameAsTable(rides, table);
        Assert.That(rides[2], Is.Null, "ride 4242 does not exist");
        Assert.That(rides[4]!.Rider, Is.Null);
        Assert.That(rides[6]!.StartDock, Is.Null);
        Assert.That(rides[7]!.Rider!.Name, Is.EqualTo("Ada"));
        Assert.That(rides[0], Is.Not.SameAs(rides[7]), "one object per row");
    }

    [Test]
    public async Task Anonymous_and_dictionary_rows_answer_alike_and_mix()
    {
        var table = await Engine.QueryBatchDetailedAsync(ArrowInputs(Ids), Outputs);
        AssertSameAsTable(await Engine.QueryBatchAsync<BikeRide>(Ids.Select(id => new { Id = id }), Outputs), table);
        AssertSameAsTable(await Engine.QueryBatchAsync<BikeRide>(Ids.Select(id => (object)(int)id).Select(id => new { Id = id }), Outputs), table);
        var mixed = Ids.Select((id, i) => i % 2 == 0 ? (object)new { Id = id } : new Dictionary<string, object?> { ["bike_ride.id"] = id });
        AssertSameAsTable(await Engine.QueryBatchAsync<BikeRide>(mixed, Outputs), table);
    }

    [Test]
    public async Task Rows_with_their_own_time_answer_as_the_arrow_built_point_in_time_batch()
    {
        var now = DateTime.UtcNow;
        var times = Ids.Select((_, i) => now - TimeSpan.FromHours(30 * i)).ToArray();
        var table = await Engine.QueryBatchDetailedAsync(ArrowInputs(Ids, times), Outputs, asOf: "at");
        var rides = await Engine.QueryBatchAsync<BikeRide>(Ids.Select((id, i) => new { Id = id, At = times[i] }), Outputs, asOf: "At");
        AssertSameAsTable(rides, table);
        var missing = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync<BikeRide>(Ids.Select(id => new { Id = id }), Outputs, asOf: "At")))!;
        Assert.That(missing.Message, Does.Contain("the as-of 'At' names none of the inputs of the rows (bike_ride.id)"));
        var nullTime = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync<BikeRide>([new { Id = 1000L, At = (DateTime?)null }], Outputs, asOf: "At")))!;
        Assert.That(nullTime.Message, Does.Contain("rows[0]: the as-of 'At' is null"));
    }

    [Test]
    public async Task A_failure_in_any_row_throws_and_names_the_row()
    {
        var e = (await Assert.ThrowsAsync<ChalkResolverException>(() => Engine.QueryBatchAsync<BikeRide>(new long[] { 1000, 1004 }.Select(id => new { Id = id }), Outputs)))!;
        Assert.That(e.Message, Does.StartWith("QueryBatchAsync<BikeRide>: 1 feature value(s) failed"));
        Assert.That(e.Message, Does.Contain("bike_ride.surcharge (row 1)"));
        var table = await Engine.QueryBatchDetailedAsync(ArrowInputs([1000, 1004]), Outputs);
        Assert.That(table.Errors.Single().Row, Is.EqualTo(1), "the untyped batch keeps the rest");
    }

    [Test]
    public async Task Rows_are_checked_one_by_one()
    {
        Assert.That(await Engine.QueryBatchAsync<BikeRide>(System.Array.Empty<object>(), Outputs), Is.Empty);
        var nullRow = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync<BikeRide>([new { Id = 1L }, null!], Outputs)))!;
        Assert.That(nullRow.Message, Does.StartWith("rows[1] is null"));
        var different = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync<BikeRide>([new { Id = 1L }, new { Id = 2L, Minutes = 3.0 }], Outputs)))!;
        Assert.That(different.Message, Does.Contain("rows[1] gives bike_ride.id, bike_ride.minutes but rows[0] gives bike_ride.id"));
        var badValue = (await Assert.ThrowsAsync<ArgumentException>(() => Engine.QueryBatchAsync<BikeRide>([new { Id = (object)1L }, new { Id = (object)"2" }], Outputs)))!;
        Assert.That(badValue.Message, Does.StartWith("rows[1]: input 'bike_ride.id' is a string but the feature is long"));
    }
}
