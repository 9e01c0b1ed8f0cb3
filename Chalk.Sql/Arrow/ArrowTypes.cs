using Apache.Arrow.Types;
using Chalk.Expressions;

namespace Chalk.Sql.Arrow;

/// <summary>The Arrow types sources return, and the conversions they share.</summary>
public static class ArrowTypes
{
    /// <summary>The timestamp type of every source result: microseconds since the Unix epoch, no time zone, read as UTC.</summary>
    public static TimestampType Timestamp { get; } = new(TimeUnit.Microsecond, (string?)null);

    /// <summary>Microseconds since the Unix epoch for a <see cref="DateTime"/> a provider returned, without boxing it.</summary>
    /// <remarks>A <see cref="DateTimeKind.Local"/> value is a provider's rendering of an instant in the machine's zone, so it
    /// is converted to UTC first; any other kind is taken as UTC already. Then the engine's one time-stamp rule applies
    /// (<see cref="ArrowTime.TimestampToMicros"/>: sub-microsecond ticks floored).</remarks>
    public static long ToUnixMicroseconds(DateTime value)
        => ArrowTime.TimestampToMicros(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value);

    /// <summary>Parses an ISO-8601 date or date-time as a UTC <see cref="DateTime"/>: <c>yyyy-MM-dd</c>, then optionally
    /// <c>T</c> or a space, <c>HH:mm</c>, <c>:ss</c> and up to seven fraction digits, and an offset (<c>Z</c>, <c>+02:00</c>;
    /// none is UTC).</summary>
    /// <remarks>The parse a timestamp column applies to text. Text in any other form (<c>12:00</c>, <c>1/2/2024</c>) does not parse.</remarks>
    public static bool TryParseTimestamp(string text, out DateTime utc) => ArrowColumnBuilder.TryParseTimestamp(text, out utc);

    /// <summary>A UTC <see cref="DateTime"/> for microseconds since the Unix epoch.</summary>
    public static DateTime FromUnixMicroseconds(long micros)
        => ArrowTime.TimestampFromMicros(micros, DateTimeKind.Utc);
}
