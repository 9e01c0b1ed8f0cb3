namespace Chalk.Expressions.Functions;

/// <summary><c>t.Hour</c>.</summary>
internal sealed class HourFunction : DatePartFunction
{
    public override string Name => "hour";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Hour))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(hour({0}) AS INTEGER)")];

    public override int Part(DateTime t) => t.Hour;
}
