namespace Chalk.Expressions.Functions;

/// <summary><c>t.Day</c>.</summary>
internal sealed class DayFunction : DatePartFunction
{
    public override string Name => "day";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Day))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(day({0}) AS INTEGER)")];

    public override int Part(DateTime t) => t.Day;
}
