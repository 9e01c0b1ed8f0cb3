namespace Chalk.Expressions.Functions;

/// <summary><c>t.AddDays(x)</c>: the fraction is truncated to ticks; out of range fails the row with .NET's message.</summary>
internal sealed class AddDaysFunction : DateAddFunction
{
    public override string Name => "add_days";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(DateTime), nameof(DateTime.AddDays), typeof(double))];

    public override DateTime Apply(DateTime t, double value) => t.AddDays(value);
}
