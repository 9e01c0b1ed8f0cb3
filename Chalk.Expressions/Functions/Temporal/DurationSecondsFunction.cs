namespace Chalk.Expressions.Functions;

/// <summary><c>d.Seconds</c> of a TimeSpan (named apart from the timestamp part, which means something else).</summary>
internal sealed class DurationSecondsFunction : DurationPartFunction
{
    public override string Name => "duration_seconds";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.Seconds))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(({0} // 1000000) % 60 AS INTEGER)")];

    public override int Part(TimeSpan d) => d.Seconds;
}
