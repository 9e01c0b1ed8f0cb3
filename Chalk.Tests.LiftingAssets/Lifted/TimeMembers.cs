namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>DateTime.AddX(double), Date, TimeOfDay, TimeSpan totals and components, TimeSpan.FromX (double and .NET 9+ integer overloads).</summary>
/// <remarks>
/// A fractional AddX/FromX result can carry 100 ns ticks that the µs Arrow types truncate, so those results are returned
/// directly (both paths truncate the same way at the output) rather than fed into further arithmetic.
/// </remarks>
public static class TimeMembers
{
    public static DateTime AddDays(DateTime d, double x) => d.AddDays(x);

    public static DateTime AddHours(DateTime d, double x) => d.AddHours(x);

    public static DateTime AddMinutes(DateTime d, double x) => d.AddMinutes(x);

    public static DateTime AddSecondsThenMinutes(DateTime d, int n, double x) => d.AddSeconds(n).AddMinutes(x);

    public static DateTime AddMilliseconds(DateTime d, double ms) => d.AddMilliseconds(ms);

    public static DateTime AddWholeDays(DateTime d, long n) => d.AddDays(n);

    public static DateTime? NullableAddHours(DateTime? d, double x) => d?.AddHours(x);

    public static DateTime DateOf(DateTime d) => d.Date;

    public static TimeSpan TimeOfDayOf(DateTime d) => d.TimeOfDay;

    public static bool SameDay(DateTime a, DateTime b) => a.Date == b.Date && a.TimeOfDay <= b.TimeOfDay;

    public static double Totals(TimeSpan t) => t.TotalDays + t.TotalHours + t.TotalMinutes + t.TotalSeconds + t.TotalMilliseconds;

    public static double ElapsedHours(DateTime a, DateTime b) => (b - a).TotalHours;

    public static int Components(TimeSpan t) => t.Days * 1000000 + t.Hours * 10000 + t.Minutes * 100 + t.Seconds + t.Milliseconds;

    public static int DayDifference(DateTime a, DateTime b) => a.Subtract(b).Days + b.Subtract(TimeSpan.FromHours(1)).Add(TimeSpan.FromMinutes(30)).Hour;

    public static TimeSpan FromDays(double x) => TimeSpan.FromDays(x);

    public static TimeSpan FromHours(double x) => TimeSpan.FromHours(x);

    public static TimeSpan FromMinutes(double x) => TimeSpan.FromMinutes(x);

    public static TimeSpan FromSeconds(double x) => TimeSpan.FromSeconds(x);

    public static TimeSpan FromMilliseconds(double x) => TimeSpan.FromMilliseconds(x);

    public static TimeSpan FromIntegers(int days, int hours) => TimeSpan.FromDays(days) + TimeSpan.FromHours(hours);

    public static TimeSpan FromLongs(long m, long s, long ms) => TimeSpan.FromMinutes(m) - TimeSpan.FromSeconds(s) + TimeSpan.FromMilliseconds(ms);
}
