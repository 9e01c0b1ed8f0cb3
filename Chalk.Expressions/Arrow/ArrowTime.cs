using Apache.Arrow.Types;

namespace Chalk.Expressions;

/// <summary>
/// Converts Arrow timestamps and durations, in any <see cref="TimeUnit"/>, to and from .NET ticks and the
/// microseconds the engine keeps them in.
/// </summary>
/// <remarks>
/// <para>Timestamps count from 1970-01-01 (the Unix epoch); <see cref="DateTime"/> ticks count from 0001-01-01.</para>
/// <para>
/// Coarser units scale with overflow checks. Finer precision of a time stamp is floored (<see cref="ToMicros"/>,
/// <see cref="TimestampToMicros"/>, <see cref="FloorTicksToMicros"/>, <see cref="TruncateToMicros"/>), which keeps
/// earlier instants earlier before 1970 and gives one value on every path; <see cref="ToTicks"/> (nanoseconds) and
/// <see cref="DurationToMicros"/> truncate toward zero.
/// </para>
/// </remarks>
public static class ArrowTime
{
    private const long NanosecondsPerTick = 100;
    private const long NanosecondsPerMicrosecond = 1_000;
    private const long MicrosecondsPerMillisecond = 1_000;
    private const long MicrosecondsPerSecond = 1_000_000;
    private static readonly long s_epochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>An Arrow value in <paramref name="unit"/> as .NET ticks (nanoseconds truncated toward zero).</summary>
    /// <param name="value">The raw Arrow value.</param>
    /// <param name="unit">Its unit.</param>
    /// <returns>Ticks (100 ns); for a timestamp, since the Unix epoch.</returns>
    /// <exception cref="OverflowException">The value does not fit in ticks.</exception>
    public static long ToTicks(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
        TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
        TimeUnit.Microsecond => checked(value * TimeSpan.TicksPerMicrosecond),
        _ => value / NanosecondsPerTick,
    };

    /// <summary>An Arrow value in <paramref name="unit"/> as microseconds (nanoseconds floored).</summary>
    /// <param name="value">The raw Arrow value.</param>
    /// <param name="unit">Its unit.</param>
    /// <returns>Microseconds; for a timestamp, since the Unix epoch.</returns>
    /// <exception cref="OverflowException">The value does not fit in microseconds.</exception>
    public static long ToMicros(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Second => checked(value * MicrosecondsPerSecond),
        TimeUnit.Millisecond => checked(value * MicrosecondsPerMillisecond),
        TimeUnit.Microsecond => value,
        _ => FloorDivide(value, NanosecondsPerMicrosecond),
    };

    /// <summary>A timestamp for Arrow microseconds since the epoch.</summary>
    /// <param name="micros">Microseconds since 1970-01-01.</param>
    /// <param name="kind">The kind of the result; the instant is the same either way.</param>
    /// <returns>The time stamp.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside <see cref="DateTime"/>'s range.</exception>
    public static DateTime TimestampFromMicros(long micros, DateTimeKind kind = DateTimeKind.Unspecified)
        => new(s_epochTicks + micros * TimeSpan.TicksPerMicrosecond, kind);

    /// <summary>A timestamp for an Arrow value in <paramref name="unit"/> since the epoch (nanoseconds truncated toward zero).</summary>
    /// <param name="value">The raw Arrow value.</param>
    /// <param name="unit">Its unit.</param>
    /// <param name="kind">The kind of the result.</param>
    /// <returns>The time stamp.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The instant is outside <see cref="DateTime"/>'s range.</exception>
    /// <exception cref="OverflowException">The value does not fit in ticks.</exception>
    public static DateTime TimestampFrom(long value, TimeUnit unit, DateTimeKind kind) => new(s_epochTicks + ToTicks(value, unit), kind);

    /// <summary>Microseconds since the epoch for a <see cref="DateTime"/> (its kind ignored; sub-microsecond ticks floored,
    /// as every other conversion of a time stamp does, so a value is the same on every path before 1970 too).</summary>
    /// <param name="value">The time stamp.</param>
    /// <returns>Microseconds since 1970-01-01.</returns>
    public static long TimestampToMicros(DateTime value) => FloorTicksToMicros(value.Ticks);

    /// <summary>Microseconds since the epoch for <paramref name="ticks"/> since 0001-01-01, floored (earlier instants stay earlier).</summary>
    /// <param name="ticks">.NET ticks, e.g. <see cref="DateTime.Ticks"/> of a UTC time.</param>
    /// <returns>Microseconds since 1970-01-01.</returns>
    public static long FloorTicksToMicros(long ticks) => FloorDivide(ticks - s_epochTicks, TimeSpan.TicksPerMicrosecond);

    /// <summary>A duration for Arrow microseconds.</summary>
    /// <param name="micros">Microseconds.</param>
    /// <returns>The duration.</returns>
    public static TimeSpan DurationFromMicros(long micros) => new(micros * TimeSpan.TicksPerMicrosecond);

    /// <summary>Microseconds in a <see cref="TimeSpan"/> (truncated toward zero).</summary>
    /// <param name="value">The duration.</param>
    /// <returns>Microseconds.</returns>
    public static long DurationToMicros(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary><paramref name="t"/> truncated to whole microseconds, the precision of the engine's time stamps (kind unspecified).</summary>
    /// <param name="t">A time stamp.</param>
    /// <returns>The time stamp without its sub-microsecond ticks.</returns>
    public static DateTime TruncateToMicros(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Unspecified);

    private static long FloorDivide(long a, long b) => a / b - (a % b < 0 ? 1 : 0);
}
