namespace Chalk.Expressions.Functions;

/// <summary><c>t.Hour</c>.</summary>
internal sealed class HourFunction : DatePartFunction
{
    public override string Name => "hour";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Hour))];

    public override int Part(DateTime t) => t.Hour;
}
