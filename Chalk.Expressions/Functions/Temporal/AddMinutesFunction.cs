namespace Chalk.Expressions.Functions;

/// <summary><c>t.AddMinutes(x)</c>: the fraction is truncated to ticks; out of range fails the row with .NET's message.</summary>
internal sealed class AddMinutesFunction : DateAddFunction
{
    public override string Name => "add_minutes";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(DateTime), nameof(DateTime.AddMinutes), typeof(double))];

    public override DateTime Apply(DateTime t, double value) => t.AddMinutes(value);
}
