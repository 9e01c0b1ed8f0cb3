namespace Chalk.Expressions.Functions;

/// <summary><c>t.DayOfYear</c>.</summary>
internal sealed class DayOfYearFunction : DatePartFunction
{
    public override string Name => "day_of_year";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.DayOfYear))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(dayofyear({0}) AS INTEGER)")];

    public override int Part(DateTime t) => t.DayOfYear;
}
