namespace Chalk.Expressions.Functions;

/// <summary><c>d.Minutes</c> of a TimeSpan (named apart from the timestamp part, which means something else).</summary>
internal sealed class DurationMinutesFunction : DurationPartFunction
{
    public override string Name => "duration_minutes";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.Minutes))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(({0} // 60000000) % 60 AS INTEGER)")];

    public override int Part(TimeSpan d) => d.Minutes;
}
