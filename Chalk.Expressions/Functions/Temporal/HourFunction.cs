namespace Chalk.Expressions.Functions;

/// <summary><c>t.Hour</c>.</summary>
internal sealed class HourFunction : DatePartFunction
{
    public override string Name => "hour";

    public override int Part(DateTime t) => t.Hour;
}
