using System.Globalization;
using Chalk.Expressions;

namespace Chalk.Sql.Translation;

public static partial class DuckDbSqlTranslator
{
    // µs since the epoch of DateTime.MinValue and of the last µs-aligned instant of DateTime.MaxValue.
    private static readonly long s_minTimestampMicros = (DateTime.MinValue - DateTime.UnixEpoch).Ticks / 10;
    private static readonly long s_maxTimestampMicros = (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / 10;

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
        if (d.Ticks % 10 != 0) throw Refuse($"no faithful DuckDB literal for duration {d}: it is not a whole number of microseconds");
        return $"CAST({(d.Ticks / 10).ToString(CultureInfo.InvariantCulture)} AS BIGINT)";
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
}
