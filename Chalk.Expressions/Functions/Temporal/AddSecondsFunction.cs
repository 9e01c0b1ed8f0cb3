namespace Chalk.Expressions.Functions;

/// <summary><c>t.AddSeconds(x)</c>: the fraction is truncated to ticks; out of range fails the row with .NET's message.</summary>
internal sealed class AddSecondsFunction : DateAddFunction
{
    public override string Name => "add_seconds";

    public override DateTime Apply(DateTime t, double value) => t.AddSeconds(value);
}
