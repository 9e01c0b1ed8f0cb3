namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalDays</c>.</summary>
internal sealed class TotalDaysFunction : DurationTotalFunction
{
    public override string Name => "total_days";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.TotalDays))];

    public override double Total(TimeSpan d) => d.TotalDays;
}
