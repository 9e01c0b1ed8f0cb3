using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Regressions;

// Radio-carbon samples dated before 1970, one with a time stamp shifted by a fraction of a microsecond: the engine keeps
// microseconds, and every path must drop the fraction the same way (the lifted kernels truncated toward zero where the
// per-row path floored, a microsecond apart before 1970).

[Features]
public class CarbonSample
{
    [Primary] public long Id { get; init; }
    public DateTime TakenAt { get; init; }
    public DateTime Calibrated => TakenAt.AddMilliseconds(-0.0015);
}

/// <summary>A computed time stamp with sub-microsecond ticks before 1970 has the same value lifted and per row.</summary>
public sealed class PreEpochTimestampTests
{
    [Test]
    public async Task A_time_stamp_before_1970_with_a_sub_microsecond_part_is_the_same_lifted_and_per_row()
    {
        await using var source = await ScratchDuckDb.CreateAsync("create table samples(id bigint, taken_at timestamp); insert into samples values (1, '1969-12-31 23:59:59'), (2, '1970-01-01 00:00:00'), (3, '1900-06-01 12:00:00.000001');");
        ChalkEngine Build(bool lifting)
        {
            var b = ChalkEngine.CreateBuilder().AddFeatures(typeof(CarbonSample)).AddSource("lab", source, disposeWithEngine: false)
                .AddSqlResolver("sample.chalk.sql", "-- resolves: CarbonSample\nselect id, taken_at from samples\n");
            if (!lifting) b.DisableLifting();
            return b.Build();
        }
        await using var lifted = Build(true);
        await using var perRow = Build(false);
        Assert.That(lifted.Explain(["carbon_sample.id"], ["carbon_sample.calibrated"]), Does.Contain("Lifted CarbonSample.Calibrated"));
        foreach (var id in new[] { 1L, 2L, 3L })
        {
            var input = new Dictionary<string, object?> { ["carbon_sample.id"] = id };
            var a = (await lifted.QueryAsync(input, ["carbon_sample.calibrated"]))["carbon_sample.calibrated"];
            var b = (await perRow.QueryAsync(input, ["carbon_sample.calibrated"]))["carbon_sample.calibrated"];
            Assert.That(a, Is.EqualTo(b), $"sample {id}");
        }
    }
}
