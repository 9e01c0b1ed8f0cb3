namespace Chalk.Expressions.Functions;

/// <summary><c>d.Days</c> of a TimeSpan (named apart from the timestamp part, which means something else).</summary>
internal sealed class DurationDaysFunction : DurationPartFunction
{
    public override string Name => "duration_days";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.Days))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"CAST({c.Arg(0)} // {TimeSpan.TicksPerDay / 10} AS INTEGER)"))];

    public override int Part(TimeSpan d) => d.Days;
}
