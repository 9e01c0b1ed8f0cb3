namespace Chalk.Expressions.Functions;

/// <summary><c>t.Month</c>.</summary>
internal sealed class MonthFunction : DatePartFunction
{
    public override string Name => "month";

    public override int Part(DateTime t) => t.Month;
}
