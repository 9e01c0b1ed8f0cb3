namespace Chalk.Expressions.Functions;

/// <summary><c>(int)t.DayOfWeek</c>.</summary>
internal sealed class DayOfWeekFunction : DatePartFunction
{
    public override string Name => "day_of_week";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.DayOfWeek))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(dayofweek({0}) AS INTEGER)")];

    public override int Part(DateTime t) => (int)t.DayOfWeek;
}
