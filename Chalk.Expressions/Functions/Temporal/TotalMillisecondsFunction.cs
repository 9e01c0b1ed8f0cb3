namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalMilliseconds</c>.</summary>
internal sealed class TotalMillisecondsFunction : DurationTotalFunction
{
    public override string Name => "total_milliseconds";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.TotalMilliseconds))];

    public override double Total(TimeSpan d) => d.TotalMilliseconds;
}
