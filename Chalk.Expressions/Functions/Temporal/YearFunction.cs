namespace Chalk.Expressions.Functions;

/// <summary><c>t.Year</c>.</summary>
internal sealed class YearFunction : DatePartFunction
{
    public override string Name => "year";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Year))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(year({0}) AS INTEGER)")];

    public override int Part(DateTime t) => t.Year;
}
