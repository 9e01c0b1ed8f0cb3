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
                dst[i] = ArrowValues.TimestampToMicros(op(ArrowValues.TimestampFromMicros(t[i]), v[i]));
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
        for (int i = 0; i < dst.Length; i++) dst[i] = op(ArrowValues.DurationFromMicros(d[i]));
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
                dst[i] = ArrowValues.DurationToMicros(op(x[i]));
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
