namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalMinutes</c>.</summary>
internal sealed class TotalMinutesFunction : DurationTotalFunction
{
    public override string Name => "total_minutes";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.TotalMinutes))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"({DuckDbTicks(c)} / {TimeSpan.TicksPerMinute}.0)"))];

    public override double Total(TimeSpan d) => d.TotalMinutes;
}
