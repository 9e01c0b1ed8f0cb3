using System.Globalization;
using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    // µs since the epoch of DateTime.MinValue and of the last µs-aligned instant of DateTime.MaxValue.
    private static readonly long s_minTimestampMicros = ArrowTime.TimestampToMicros(DateTime.MinValue);
    private static readonly long s_maxTimestampMicros = ArrowTime.TimestampToMicros(DateTime.MaxValue);

    // The exact exceptions .NET throws, taken from .NET itself so the row errors read the same.
    private static readonly string s_dateOverflow = MessageOf(() => _ = DateTime.MaxValue + TimeSpan.FromDays(1));
    private static readonly string s_dateUnderflow = MessageOf(() => _ = DateTime.MinValue - TimeSpan.FromDays(1));
    private static readonly string s_timeSpanOverflow = MessageOf(() => _ = TimeSpan.MaxValue + TimeSpan.FromDays(1));

    private static string MessageOf(Action action)
    {
        try
        {
            action();
        }
        catch (ArithmeticException e)
        {
            return e.Message;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        throw new InvalidOperationException("expected .NET to throw");
    }

    private static string DurationLiteral(TimeSpan d)
    {
        if (d.Ticks % TimeSpan.TicksPerMicrosecond != 0) throw Refuse($"no faithful DuckDB literal for duration {d}: it is not a whole number of microseconds");
        return $"CAST({ArrowTime.DurationToMicros(d).ToString(CultureInfo.InvariantCulture)} AS BIGINT)";
    }

    /// <summary><c>add</c>/<c>sub</c> with a timestamp or duration operand; durations are BIGINT microseconds.</summary>
    private static Frag TemporalArith(CallExpr call, Frag[] a, bool add)
    {
        var (t0, t1) = (call.Args[0].Type, call.Args[1].Type);
        string x = a[0].V, y = a[1].V, op = add ? "+" : "-";
        bool nullable = a.Any(z => z.MayBeNull);
        if (t0 == ExprType.Timestamp && t1 == ExprType.Timestamp)
            return new Frag(Lifted(a, $"(epoch_us({x}) - epoch_us({y}))", "BIGINT"), FirstError(a, null), nullable);
        // Exact in HUGEINT, then checked against what .NET can represent.
        string wide = $"(CAST({(t0 == ExprType.Timestamp ? $"epoch_us({x})" : x)} AS HUGEINT) {op} CAST({y} AS HUGEINT))";
        if (t0 == ExprType.Timestamp)
        {
            string ok = $"{wide} BETWEEN {s_minTimestampMicros} AND {s_maxTimestampMicros}";
            string v = Lifted(a, $"CASE WHEN {ok} THEN make_timestamp(CAST({wide} AS BIGINT)) ELSE CAST(NULL AS TIMESTAMP) END", "TIMESTAMP");
            string local = LocalError(a, ($"{wide} > {s_maxTimestampMicros}", s_dateOverflow), ($"{wide} < {s_minTimestampMicros}", s_dateUnderflow));
            return new Frag(v, FirstError(a, local), nullable);
        }
        // TimeSpan arithmetic is checked on 100 ns ticks.
        string ticks = $"({wide} * 10)";
        string inRange = $"{ticks} BETWEEN CAST('-9223372036854775808' AS HUGEINT) AND CAST('9223372036854775807' AS HUGEINT)";
        string value = Lifted(a, $"CASE WHEN {inRange} THEN CAST({wide} AS BIGINT) ELSE CAST(NULL AS BIGINT) END", "BIGINT");
        return new Frag(value, FirstError(a, LocalError(a, ($"NOT ({inRange})", s_timeSpanOverflow))), nullable);
    }

    private const long MicrosPerDay = TimeSpan.TicksPerDay / 10;

    // TimeSpan.TotalMilliseconds clamps to ±(long.MaxValue / TicksPerMillisecond) instead of returning the exact quotient.
    private const long MaxTotalMilliseconds = long.MaxValue / TimeSpan.TicksPerMillisecond;
    private static readonly string s_timeSpanTooLong = MessageOf(() => TimeSpan.FromDays(int.MaxValue));

    /// <summary>
    /// <c>t.Date</c>, <c>t.TimeOfDay</c> and the TimeSpan properties on BIGINT microseconds. Totals are
    /// <c>(double)ticks / TicksPerUnit</c> as .NET computes them (µs × 10 is the exact tick count, and BIGINT → DOUBLE
    /// rounds once); components truncate toward zero like .NET's long division (DuckDB's <c>//</c> and <c>%</c> do).
    /// </summary>
    private static Frag TemporalPart(CallExpr call, Frag[] a)
    {
        string x = a[0].V;
        string ticks = $"CAST({x} * 10 AS DOUBLE)";
        string body = call.Name switch
        {
            "date" => $"date_trunc('day', {x})",
            "time_of_day" => $"(epoch_us({x}) - epoch_us(date_trunc('day', {x})))",
            "total_days" => $"({ticks} / {TimeSpan.TicksPerDay}.0)",
            "total_hours" => $"({ticks} / {TimeSpan.TicksPerHour}.0)",
            "total_minutes" => $"({ticks} / {TimeSpan.TicksPerMinute}.0)",
            "total_seconds" => $"({ticks} / {TimeSpan.TicksPerSecond}.0)",
            "total_milliseconds" => $"CASE WHEN {ticks} / {TimeSpan.TicksPerMillisecond}.0 > {MaxTotalMilliseconds}.0 THEN {MaxTotalMilliseconds}.0 " +
                $"WHEN {ticks} / {TimeSpan.TicksPerMillisecond}.0 < -{MaxTotalMilliseconds}.0 THEN -{MaxTotalMilliseconds}.0 ELSE {ticks} / {TimeSpan.TicksPerMillisecond}.0 END",
            "duration_days" => $"CAST({x} // {MicrosPerDay} AS INTEGER)",
            "duration_hours" => $"CAST(({x} // 3600000000) % 24 AS INTEGER)",
            "duration_minutes" => $"CAST(({x} // 60000000) % 60 AS INTEGER)",
            "duration_seconds" => $"CAST(({x} // 1000000) % 60 AS INTEGER)",
            _ => $"CAST(({x} // 1000) % 1000 AS INTEGER)",
        };
        // Strict: a NULL fails both clamp tests of total_milliseconds and reaches the ELSE, which is NULL.
        return Simple(a, body, T(call.Type));
    }

    /// <summary>
    /// The integer overloads of <c>TimeSpan.FromX</c> (.NET 9+) are exact multiples of a microsecond and fail outside
    /// TimeSpan's range; the double overloads truncate to 100 ns ticks, which a µs duration cannot hold.
    /// </summary>
    private static Frag DurationFrom(CallExpr call, Frag[] a)
    {
        if (call.Args[0].Type == ExprType.Float64)
            throw Refuse($"no faithful DuckDB form for `{call.Name}` on float64: .NET truncates to 100 ns ticks, and durations are whole microseconds in SQL");
        long micros = call.Name switch
        {
            "from_days" => MicrosPerDay,
            "from_hours" => TimeSpan.TicksPerHour / 10,
            "from_minutes" => TimeSpan.TicksPerMinute / 10,
            "from_seconds" => TimeSpan.TicksPerSecond / 10,
            _ => TimeSpan.TicksPerMillisecond / 10,
        };
        string wide = $"(CAST({a[0].V} AS HUGEINT) * {micros * 10})";
        string inRange = $"{wide} BETWEEN CAST('-9223372036854775808' AS HUGEINT) AND CAST('9223372036854775807' AS HUGEINT)";
        string v = Lifted(a, $"CASE WHEN {inRange} THEN CAST({a[0].V} AS BIGINT) * {micros} ELSE CAST(NULL AS BIGINT) END", "BIGINT");
        return new Frag(v, FirstError(a, LocalError(a, ($"NOT ({inRange})", s_timeSpanTooLong))), a[0].MayBeNull);
    }
}
