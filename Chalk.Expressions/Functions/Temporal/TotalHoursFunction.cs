namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalHours</c>.</summary>
internal sealed class TotalHoursFunction : DurationTotalFunction
{
    public override string Name => "total_hours";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.TotalHours))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"({DuckDbTicks(c)} / {TimeSpan.TicksPerHour}.0)"))];

    public override double Total(TimeSpan d) => d.TotalHours;
}
