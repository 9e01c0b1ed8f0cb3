namespace Chalk.Expressions.Functions;

/// <summary><c>t.Second</c>.</summary>
internal sealed class SecondFunction : DatePartFunction
{
    public override string Name => "second";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Second))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(second({0}) AS INTEGER)")];

    public override int Part(DateTime t) => t.Second;
}
