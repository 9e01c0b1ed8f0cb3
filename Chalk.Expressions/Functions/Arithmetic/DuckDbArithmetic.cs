namespace Chalk.Expressions.Functions;

/// <summary>The DuckDB forms the arithmetic functions share: <c>+ - *</c> (wrapping or checked), <c>/ %</c>, and timestamp/duration arithmetic.</summary>
internal static class DuckDbArithmetic
{
    // µs since the epoch of DateTime.MinValue and of the last µs-aligned instant of DateTime.MaxValue.
    private static readonly long s_minTimestampMicros = ArrowTime.TimestampToMicros(DateTime.MinValue);
    private static readonly long s_maxTimestampMicros = ArrowTime.TimestampToMicros(DateTime.MaxValue);

    // The exact exceptions .NET throws, taken from .NET itself so the row errors read the same.
    private static readonly string s_dateOverflow = DuckDbSql.MessageOf(() => _ = DateTime.MaxValue + TimeSpan.FromDays(1));
    private static readonly string s_dateUnderflow = DuckDbSql.MessageOf(() => _ = DateTime.MinValue - TimeSpan.FromDays(1));
    private static readonly string s_timeSpanOverflow = DuckDbSql.MessageOf(() => _ = TimeSpan.MaxValue + TimeSpan.FromDays(1));

    /// <summary><c>x op y</c> on numbers: floats as DuckDB computes them, integers exactly in the wider type, then wrapped or checked.</summary>
    public static SqlText Numeric(SqlCall c, string op, bool isChecked)
    {
        var t = c.Type;
        string type = c.SqlType(t), x = c.Arg(0), y = c.Arg(1);
        if (t.IsFloat()) return new SqlText($"({x} {op} {y})");
        string wide = $"(CAST({x} AS {DuckDbSql.Wide(t)}) {op} CAST({y} AS {DuckDbSql.Wide(t)}))";
        if (!isChecked) return new SqlText(DuckDbSql.Wrap(t, wide));
        string v = $"CASE WHEN {DuckDbSql.InRange(t, wide)} THEN CAST({wide} AS {type}) ELSE CAST(NULL AS {type}) END";
        return new SqlText(v, c.FailWhen(($"NOT ({DuckDbSql.InRange(t, wide)})", DuckDbSql.Overflow)));
    }

    /// <summary><c>x / y</c> or <c>x % y</c>: IEEE on floats; on integers a zero divisor and <c>MinValue / -1</c> fail as in .NET.</summary>
    public static SqlText DivRem(SqlCall c, bool rem)
    {
        var t = c.Type;
        string type = c.SqlType(t), x = c.Arg(0), y = c.Arg(1);
        // IEEE: x / 0 is ±∞ or NaN under DuckDB's default ieee_floating_point_ops; x % y is fmod (truncated), as in C#.
        if (t.IsFloat()) return new SqlText($"({x} {(rem ? "%" : "/")} {y})");
        string bad = $"({y} = 0 OR ({x} = {DuckDbSql.Min(t)} AND {y} = -1))";
        string v = $"CASE WHEN {bad} THEN CAST(NULL AS {type}) ELSE ({x} {(rem ? "%" : "//")} {y}) END";
        return new SqlText(v, c.FailWhen(($"{y} = 0", DuckDbSql.DivideByZero), ($"{x} = {DuckDbSql.Min(t)} AND {y} = -1", DuckDbSql.Overflow)));
    }

    /// <summary><c>add</c>/<c>sub</c> with a timestamp or duration operand; durations are BIGINT microseconds.</summary>
    public static SqlText Temporal(SqlCall c, bool add)
    {
        var (t0, t1) = (c.ArgType(0), c.ArgType(1));
        string x = c.Arg(0), y = c.Arg(1), op = add ? "+" : "-";
        if (t0 == ExprType.Timestamp && t1 == ExprType.Timestamp) return new SqlText($"(epoch_us({x}) - epoch_us({y}))");
        // Exact in HUGEINT, then checked against what .NET can represent.
        string wide = $"(CAST({(t0 == ExprType.Timestamp ? $"epoch_us({x})" : x)} AS HUGEINT) {op} CAST({y} AS HUGEINT))";
        if (t0 == ExprType.Timestamp)
        {
            string ok = $"{wide} BETWEEN {s_minTimestampMicros} AND {s_maxTimestampMicros}";
            string v = $"CASE WHEN {ok} THEN make_timestamp(CAST({wide} AS BIGINT)) ELSE CAST(NULL AS TIMESTAMP) END";
            return new SqlText(v, c.FailWhen(($"{wide} > {s_maxTimestampMicros}", s_dateOverflow), ($"{wide} < {s_minTimestampMicros}", s_dateUnderflow)));
        }
        // TimeSpan arithmetic is checked on 100 ns ticks.
        string ticks = $"({wide} * 10)";
        string inRange = $"{ticks} BETWEEN CAST('-9223372036854775808' AS HUGEINT) AND CAST('9223372036854775807' AS HUGEINT)";
        string value = $"CASE WHEN {inRange} THEN CAST({wide} AS BIGINT) ELSE CAST(NULL AS BIGINT) END";
        return new SqlText(value, c.FailWhen(($"NOT ({inRange})", s_timeSpanOverflow)));
    }
}
