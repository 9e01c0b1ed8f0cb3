namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>DateTime and TimeSpan members with IR functions.</summary>
public static class Dates
{
    private static readonly DateTime s_cutoff = new(2020, 1, 1);

    public static int Parts(DateTime d) => d.Year * 10000 + d.Month * 100 + d.Day + d.Hour + d.Minute + d.Second + d.DayOfYear;

    public static bool IsWeekend(DateTime d) => d.DayOfWeek == DayOfWeek.Saturday || d.DayOfWeek == DayOfWeek.Sunday;

    public static bool LongerThanMonth(DateTime a, DateTime b) => a - b > TimeSpan.FromDays(30);

    public static DateTime AddHour(DateTime d) => d + TimeSpan.FromHours(1);

    public static bool Before(DateTime a, DateTime b) => a < b || a == b;

    public static bool AfterConstant(DateTime d) => d >= new DateTime(2021, 6, 15) && d > s_cutoff;

    public static int NullableYear(DateTime? d) => d?.Year ?? 0;

    public static TimeSpan Elapsed(DateTime start, DateTime end) => end - start;

    public static DateTime Latest(DateTime a, DateTime b, TimeSpan grace) => a > b ? a - grace : b + grace;

    public static bool DurationCompare(TimeSpan a, TimeSpan b) => a >= b && a != TimeSpan.Zero;
}
