namespace Chalk.Expressions.Functions;

/// <summary><c>d.Hours</c> of a TimeSpan (named apart from the timestamp part, which means something else).</summary>
internal sealed class DurationHoursFunction : DurationPartFunction
{
    public override string Name => "duration_hours";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.Hours))];

    public override int Part(TimeSpan d) => d.Hours;
}
