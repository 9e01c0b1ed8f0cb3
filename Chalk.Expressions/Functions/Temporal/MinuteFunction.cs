namespace Chalk.Expressions.Functions;

/// <summary><c>t.Minute</c>.</summary>
internal sealed class MinuteFunction : DatePartFunction
{
    public override string Name => "minute";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Getter(typeof(DateTime), nameof(DateTime.Minute))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "CAST(minute({0}) AS INTEGER)")];

    public override int Part(DateTime t) => t.Minute;
}
