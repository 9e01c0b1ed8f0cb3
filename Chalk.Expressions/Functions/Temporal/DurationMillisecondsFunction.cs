namespace Chalk.Expressions.Functions;

/// <summary><c>d.Milliseconds</c> of a TimeSpan (named apart from the timestamp part, which means something else).</summary>
internal sealed class DurationMillisecondsFunction : DurationPartFunction
{
    public override string Name => "duration_milliseconds";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(TimeSpan), nameof(TimeSpan.Milliseconds))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(({0} // 1000) % 1000 AS INTEGER)")];

    public override int Part(TimeSpan d) => d.Milliseconds;
}
