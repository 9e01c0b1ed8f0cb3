namespace Chalk.Expressions.Functions;

/// <summary><c>t.AddHours(x)</c>: the fraction is truncated to ticks; out of range fails the row with .NET's message.</summary>
internal sealed class AddHoursFunction : DateAddFunction
{
    public override string Name => "add_hours";

    public override DateTime Apply(DateTime t, double value) => t.AddHours(value);
}
