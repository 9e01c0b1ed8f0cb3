namespace Chalk.Expressions.Functions;

/// <summary><c>t.Month</c>.</summary>
internal sealed class MonthFunction : DatePartFunction
{
    public override string Name => "month";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Month))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(month({0}) AS INTEGER)")];

    public override int Part(DateTime t) => t.Month;
}
