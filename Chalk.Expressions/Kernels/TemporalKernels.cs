namespace Chalk.Expressions.Kernels;

/// <summary>
/// <c>t.AddDays(x)</c> and siblings per valid row through .NET's method (its truncation and range rules are
/// subtle enough that re-deriving them would be a second, divergent definition); a throw fails the row.
/// </summary>
internal sealed class DateAddKernel(Func<DateTime, double, DateTime> op) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var t = args[0].ValuesOrBroadcast<long>();
        var v = args[1].ValuesOrBroadcast<double>();
        var dst = result.WritableValues<long>();
        var validity = result.Validity;
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = 0;
            // Null lanes may hold µs outside DateTime's range, which would throw while converting.
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
            try
            {
                dst[i] = ArrowTime.TimestampToMicros(op(ArrowTime.TimestampFromMicros(t[i]), v[i]));
            }
            catch (ArgumentException e)
            {
                result.SetError(i, e.Message);
            }
        }
    }
}

/// <summary><c>t.Date</c> or <c>t.TimeOfDay</c> on µs since the epoch: the epoch is midnight, so both are a floor modulo one day.</summary>
internal sealed class DayFloorKernel(bool timeOfDay) : Kernel
{
    private const long MicrosPerDay = TimeSpan.TicksPerDay / 10;

    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var t = args[0].ValuesOrBroadcast<long>();
        var dst = result.WritableValues<long>();
        for (int i = 0; i < dst.Length; i++)
        {
            // % truncates toward zero; before 1970 the remainder is negative and needs a day added back.
            long r = t[i] % MicrosPerDay;
            if (r < 0) r += MicrosPerDay;
            dst[i] = timeOfDay ? r : t[i] - r;
        }
    }
}

/// <summary>A TimeSpan property (<c>TotalHours</c>, <c>Minutes</c>, …) of every lane; any µs count is a valid TimeSpan, so it never throws.</summary>
internal sealed class DurationKernel<T>(Func<TimeSpan, T> op) : Kernel where T : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var d = args[0].ValuesOrBroadcast<long>();
        var dst = result.WritableValues<T>();
        for (int i = 0; i < dst.Length; i++) dst[i] = op(ArrowTime.DurationFromMicros(d[i]));
    }
}

/// <summary><c>TimeSpan.FromX(value)</c> per valid row; NaN, overflow and out-of-range values fail the row with .NET's message.</summary>
internal sealed class ToDurationKernel<TIn>(Func<TIn, TimeSpan> op) : Kernel where TIn : unmanaged
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var x = args[0].ValuesOrBroadcast<TIn>();
        var dst = result.WritableValues<long>();
        var validity = result.Validity;
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = 0;
            if (validity is not null && (validity[i >> 6] & (1UL << i)) == 0) continue;
            try
            {
                dst[i] = ArrowTime.DurationToMicros(op(x[i]));
            }
            catch (ArithmeticException e)
            {
                result.SetError(i, e.Message);
            }
            catch (ArgumentException e)
            {
                result.SetError(i, e.Message);
            }
        }
    }
}

/// <summary>
/// <c>DateTime ± TimeSpan</c> and <c>TimeSpan ± TimeSpan</c> on microseconds: the exact sum, or .NET's own error on the
/// rows where .NET throws (a result outside DateTime's or TimeSpan's range), instead of a wrapped value.
/// </summary>
internal sealed class CheckedTemporalKernel(bool timestamp, bool subtract) : Kernel
{
    // DateTime's range in µs since the epoch; TimeSpan's is its ticks' range over 10.
    private static readonly long s_minTimestamp = ArrowTime.TimestampToMicros(DateTime.MinValue);
    private static readonly long s_maxTimestamp = ArrowTime.TimestampToMicros(DateTime.MaxValue);
    private const long MinDuration = long.MinValue / 10;
    private const long MaxDuration = long.MaxValue / 10;

    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var a = args[0].ValuesOrBroadcast<long>();
        var b = args[1].ValuesOrBroadcast<long>();
        var dst = result.WritableValues<long>();
        var validity = result.Validity;
        long min = timestamp ? s_minTimestamp : MinDuration;
        long max = timestamp ? s_maxTimestamp : MaxDuration;
        for (int i = 0; i < dst.Length; i++)
        {
            long x = a[i], y = b[i];
            long r = subtract ? unchecked(x - y) : unchecked(x + y);
            bool overflow = subtract ? ((x ^ y) & (x ^ r)) < 0 : ((x ^ r) & (y ^ r)) < 0;
            if (!overflow && r >= min && r <= max)
            {
                dst[i] = r;
                continue;
            }
            dst[i] = 0;
            if (validity is null || (validity[i >> 6] & (1UL << i)) != 0) result.SetError(i, Message(x, y));
        }
    }

    // The message .NET gives for these operands, taken from the exception on this rare path.
    private string Message(long x, long y)
    {
        try
        {
            var d = ArrowTime.DurationFromMicros(y);
            _ = timestamp
                ? (subtract ? ArrowTime.TimestampFromMicros(x) - d : ArrowTime.TimestampFromMicros(x) + d)
                : (object)(subtract ? ArrowTime.DurationFromMicros(x) - d : ArrowTime.DurationFromMicros(x) + d);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException)
        {
            return e.Message;
        }
        return timestamp ? "The added or subtracted value results in an un-representable DateTime." : "TimeSpan overflowed because the duration is too long.";
    }
}
