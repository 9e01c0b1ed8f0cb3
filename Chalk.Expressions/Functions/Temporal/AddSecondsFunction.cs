namespace Chalk.Expressions.Functions;

/// <summary><c>t.AddSeconds(x)</c>: the fraction is truncated to ticks; out of range fails the row with .NET's message.</summary>
internal sealed class AddSecondsFunction : DateAddFunction
{
    public override string Name => "add_seconds";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(DateTime), nameof(DateTime.AddSeconds), typeof(double))];

    public override DateTime Apply(DateTime t, double value) => t.AddSeconds(value);
}
