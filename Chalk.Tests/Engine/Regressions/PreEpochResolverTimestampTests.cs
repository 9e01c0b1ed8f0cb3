using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Regressions;

// Ice-core layers deposited before 1970, each settled by a sub-microsecond amount: a C# resolver the lifter refuses (a
// loop) returns the time stamp per row, a computed property computes the same lifted. The engine keeps microseconds;
// the per-row column builder and the lifted kernels must drop the fraction the same way (floor).

[Features]
public class IceCoreLayer
{
    [Primary] public long Id { get; init; }
    public DateTime DepositedAt { get; init; }
    public DateTime Settled => DepositedAt.AddMilliseconds(-0.0015);
    public DateTime SettledByResolver { get; init; }
}

public static class IceCoreLayerResolvers
{
    [Resolver(Output = "ice_core_layer.settled_by_resolver")]
    public static DateTime Settle([Feature("ice_core_layer.deposited_at")] DateTime depositedAt)
    {
        var t = depositedAt;
        for (int i = 0; i < 1; i++) t = t.AddMilliseconds(-0.0015);
        return t;
    }
}

/// <summary>A per-row resolver's time stamp before 1970 with a sub-microsecond part is the lifted value.</summary>
public sealed class PreEpochResolverTimestampTests
{
    [Test]
    public async Task A_per_row_resolver_time_stamp_before_1970_with_a_sub_microsecond_part_equals_the_lifted_one()
    {
        await using var source = await ScratchDuckDb.CreateAsync("create table layers(id bigint, deposited_at timestamp); insert into layers values (1, '1969-12-31 23:59:59'), (2, '1970-01-01 00:00:00'), (3, '1900-06-01 12:00:00.000001'), (4, '2001-03-04 05:06:07');");
        await using var engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(IceCoreLayer), typeof(IceCoreLayerResolvers))
            .AddSource("lab", source, disposeWithEngine: false)
            .AddSqlResolver("layer.chalk.sql", "-- resolves: IceCoreLayer\nselect id, deposited_at from layers\n")
            .Build();
        string[] outputs = ["ice_core_layer.deposited_at", "ice_core_layer.settled", "ice_core_layer.settled_by_resolver"];
        var plan = engine.Explain(["ice_core_layer.id"], outputs);
        Assert.That(plan, Does.Contain("Lifted IceCoreLayer.Settled"));
        Assert.That(plan, Does.Contain("Fallback IceCoreLayerResolvers.Settle"));
        foreach (var id in new[] { 1L, 2L, 3L, 4L })
        {
            var row = await engine.QueryAsync(new Dictionary<string, object?> { ["ice_core_layer.id"] = id }, outputs);
            var deposited = row.Get<DateTime>("ice_core_layer.deposited_at");
            // 15 ticks (1.5 µs) earlier, floored to the microsecond: 2 µs earlier for a whole-microsecond deposit.
            var expected = deposited.AddTicks(-20);
            Assert.That(row.Get<DateTime>("ice_core_layer.settled"), Is.EqualTo(expected), $"layer {id}, lifted");
            Assert.That(row.Get<DateTime>("ice_core_layer.settled_by_resolver"), Is.EqualTo(expected), $"layer {id}, per row");
        }
    }
}
