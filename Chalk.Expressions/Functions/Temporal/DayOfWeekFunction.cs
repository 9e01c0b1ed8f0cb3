namespace Chalk.Expressions.Functions;

/// <summary><c>(int)t.DayOfWeek</c>.</summary>
internal sealed class DayOfWeekFunction : DatePartFunction
{
    public override string Name => "day_of_week";

    public override int Part(DateTime t) => (int)t.DayOfWeek;
}
