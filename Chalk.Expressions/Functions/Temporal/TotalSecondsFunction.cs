namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalSeconds</c>.</summary>
internal sealed class TotalSecondsFunction : DurationTotalFunction
{
    public override string Name => "total_seconds";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.TotalSeconds))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"({DuckDbTicks(c)} / {TimeSpan.TicksPerSecond}.0)"))];

    public override double Total(TimeSpan d) => d.TotalSeconds;
}
