using System.Globalization;
using Apache.Arrow.Types;
using Chalk.Expressions;

namespace Chalk.Sql.Arrow;

/// <summary>The Arrow types sources return, and the conversions they share.</summary>
public static class ArrowTypes
{
    /// <summary>The timestamp type of every source result: microseconds since the Unix epoch, no time zone, read as UTC.</summary>
    public static TimestampType Timestamp { get; } = new(TimeUnit.Microsecond, (string?)null);

    /// <summary>Microseconds since the Unix epoch for a timestamp value a provider returned.</summary>
    /// <remarks>
    /// <see cref="DateTime"/> of kind <see cref="DateTimeKind.Local"/> and <see cref="DateTimeOffset"/> are converted to
    /// UTC; an unspecified kind is taken as UTC already; a <see cref="DateOnly"/> is its midnight. A string is parsed as ISO-8601 (a missing offset means UTC).
    /// Sub-microsecond ticks are truncated toward negative infinity.
    /// </remarks>
    /// <exception cref="InvalidCastException">The value is not a timestamp.</exception>
    public static long ToUnixMicroseconds(object value) => value switch
    {
        DateTime t => ToUnixMicroseconds(t),
        DateTimeOffset o => FromTicks(o.UtcTicks),
        DateOnly d => FromTicks(d.ToDateTime(TimeOnly.MinValue).Ticks),
        string s when TryParseTimestamp(s, out var t) => FromTicks(t.Ticks),
        _ => throw new InvalidCastException($"a {value.GetType().Name} value '{Convert.ToString(value, CultureInfo.InvariantCulture)}' cannot become a timestamp"),
    };

    /// <summary>Microseconds since the Unix epoch for <paramref name="value"/>, without boxing it.</summary>
    /// <remarks>A <see cref="DateTimeKind.Local"/> value is converted to UTC; an unspecified kind is taken as UTC already.
    /// Sub-microsecond ticks are truncated toward negative infinity.</remarks>
    public static long ToUnixMicroseconds(DateTime value)
        => FromTicks((value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks);

    /// <summary>Parses an ISO-8601 date or date-time (<c>T</c> or a space between, optional offset) as a UTC <see cref="DateTime"/>.</summary>
    public static bool TryParseTimestamp(string text, out DateTime utc)
        => DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out utc);

    /// <summary>A UTC <see cref="DateTime"/> for microseconds since the Unix epoch.</summary>
    public static DateTime FromUnixMicroseconds(long micros)
        => ArrowTime.TimestampFromMicros(micros, DateTimeKind.Utc);

    private static long FromTicks(long ticks) => ArrowTime.FloorTicksToMicros(ticks);
}
