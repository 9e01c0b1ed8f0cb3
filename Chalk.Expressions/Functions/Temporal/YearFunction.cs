namespace Chalk.Expressions.Functions;

/// <summary><c>t.Year</c>.</summary>
internal sealed class YearFunction : DatePartFunction
{
    public override string Name => "year";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Year))];

    public override int Part(DateTime t) => t.Year;
}
