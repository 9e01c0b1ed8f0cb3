namespace Chalk.Expressions.Functions;

/// <summary><c>t.Day</c>.</summary>
internal sealed class DayFunction : DatePartFunction
{
    public override string Name => "day";

    public override int Part(DateTime t) => t.Day;
}
