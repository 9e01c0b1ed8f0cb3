namespace Chalk.Expressions.Functions;

/// <summary><c>t.DayOfYear</c>.</summary>
internal sealed class DayOfYearFunction : DatePartFunction
{
    public override string Name => "day_of_year";

    public override int Part(DateTime t) => t.DayOfYear;
}
