namespace Chalk.Expressions.Functions;

/// <summary><c>d.Hours</c> of a TimeSpan (named apart from the timestamp part, which means something else).</summary>
internal sealed class DurationHoursFunction : DurationPartFunction
{
    public override string Name => "duration_hours";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.Hours))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(({0} // 3600000000) % 24 AS INTEGER)")];

    public override int Part(TimeSpan d) => d.Hours;
}
