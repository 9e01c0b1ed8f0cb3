namespace Chalk.Expressions.Functions;

/// <summary><c>t.Year</c>.</summary>
internal sealed class YearFunction : DatePartFunction
{
    public override string Name => "year";

    public override int Part(DateTime t) => t.Year;
}
