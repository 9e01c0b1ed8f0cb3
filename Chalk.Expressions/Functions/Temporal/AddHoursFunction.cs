namespace Chalk.Expressions.Functions;

/// <summary><c>t.AddHours(x)</c>: the fraction is truncated to ticks; out of range fails the row with .NET's message.</summary>
internal sealed class AddHoursFunction : DateAddFunction
{
    public override string Name => "add_hours";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(DateTime), nameof(DateTime.AddHours), typeof(double))];

    public override DateTime Apply(DateTime t, double value) => t.AddHours(value);
}
