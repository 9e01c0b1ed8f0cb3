using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions.Arrow;

/// <summary>Arrow time units to and from .NET ticks and microseconds, and boxed reads of time columns in every unit.</summary>
public class ArrowTimeTests
{
    private static readonly DateTime s_instant = new(2024, 2, 29, 13, 45, 7, DateTimeKind.Utc);

    [TestCase(TimeUnit.Second, 3L, 30_000_000L, 3_000_000L)]
    [TestCase(TimeUnit.Millisecond, -3L, -30_000L, -3_000L)]
    [TestCase(TimeUnit.Microsecond, 7L, 70L, 7L)]
    [TestCase(TimeUnit.Nanosecond, 1_999L, 19L, 1L)]
    [TestCase(TimeUnit.Nanosecond, -1_999L, -19L, -2L)]
    public void Raw_values_scale_to_ticks_truncated_and_to_micros_floored(TimeUnit unit, long raw, long ticks, long micros)
    {
        Assert.That(ArrowTime.ToTicks(raw, unit), Is.EqualTo(ticks));
        Assert.That(ArrowTime.ToMicros(raw, unit), Is.EqualTo(micros));
    }

    [Test]
    public void Scaling_that_overflows_throws()
    {
        Assert.Throws<OverflowException>(() => ArrowTime.ToTicks(long.MaxValue / 2, TimeUnit.Second));
        Assert.Throws<OverflowException>(() => ArrowTime.ToMicros(long.MaxValue / 2, TimeUnit.Millisecond));
    }

    [Test]
    public void Timestamps_and_durations_round_trip_through_micros()
    {
        long micros = ArrowTime.TimestampToMicros(s_instant);
        Assert.That(micros, Is.EqualTo((s_instant - DateTime.UnixEpoch).Ticks / 10));
        Assert.That(ArrowTime.TimestampFromMicros(micros, DateTimeKind.Utc), Is.EqualTo(s_instant));
        Assert.That(ArrowTime.TimestampFromMicros(micros).Kind, Is.EqualTo(DateTimeKind.Unspecified));
        var d = TimeSpan.FromMilliseconds(-1234.567);
        Assert.That(ArrowTime.DurationFromMicros(ArrowTime.DurationToMicros(d)), Is.EqualTo(d));
    }

    [Test]
    public void Sub_microsecond_ticks_of_a_time_stamp_before_1970_are_floored_by_every_conversion()
    {
        var t = DateTime.UnixEpoch.AddTicks(-15);
        Assert.That(ArrowTime.TimestampToMicros(t), Is.EqualTo(-2));
        Assert.That(ArrowTime.FloorTicksToMicros(t.Ticks), Is.EqualTo(-2));
        Assert.That(ArrowTime.TimestampToMicros(ArrowTime.TruncateToMicros(t)), Is.EqualTo(-2));
        Assert.That(ArrowTime.TruncateToMicros(new DateTime(1234567, DateTimeKind.Utc)).Ticks, Is.EqualTo(1234560));
    }

    [TestCase(TimeUnit.Second)]
    [TestCase(TimeUnit.Millisecond)]
    [TestCase(TimeUnit.Microsecond)]
    [TestCase(TimeUnit.Nanosecond)]
    public void A_timestamp_column_in_any_unit_reads_as_the_same_utc_instant(TimeUnit unit)
    {
        var column = new TimestampArray.Builder(new TimestampType(unit, (string?)null)).Append(new DateTimeOffset(s_instant)).AppendNull().Build();
        var value = (DateTime)ArrowValues.Get(column, 0)!;
        Assert.That(value, Is.EqualTo(s_instant));
        Assert.That(value.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(ArrowValues.Get(column, 1), Is.Null);
    }

    [Test]
    public void An_ir_timestamp_column_reads_with_unspecified_kind_and_others_are_refused()
    {
        var column = ArrowValues.BuildArray(ExprType.Timestamp, [s_instant]);
        var value = (DateTime)ArrowValues.GetValue(column, 0)!;
        Assert.That(value, Is.EqualTo(DateTime.SpecifyKind(s_instant, DateTimeKind.Unspecified)));
        Assert.That(value.Kind, Is.EqualTo(DateTimeKind.Unspecified));
        var shorts = new Int16Array.Builder().Append(5).Build();
        Assert.That(ArrowValues.Get(shorts, 0), Is.EqualTo(5));
        Assert.Throws<ArgumentException>(() => ArrowValues.GetValue(shorts, 0));
    }
}
