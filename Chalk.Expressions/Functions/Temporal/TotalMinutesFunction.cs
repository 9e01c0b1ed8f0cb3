namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalMinutes</c>.</summary>
internal sealed class TotalMinutesFunction : DurationTotalFunction
{
    public override string Name => "total_minutes";

    public override double Total(TimeSpan d) => d.TotalMinutes;
}
