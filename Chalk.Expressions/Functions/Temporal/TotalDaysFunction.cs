namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalDays</c>.</summary>
internal sealed class TotalDaysFunction : DurationTotalFunction
{
    public override string Name => "total_days";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.TotalDays))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"({DuckDbTicks(c)} / {TimeSpan.TicksPerDay}.0)"))];

    public override double Total(TimeSpan d) => d.TotalDays;
}
