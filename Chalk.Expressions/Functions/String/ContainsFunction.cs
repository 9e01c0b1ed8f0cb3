namespace Chalk.Expressions.Functions;

/// <summary><c>s.Contains(pattern, StringComparison.Ordinal)</c>.</summary>
internal sealed partial class ContainsFunction : StringPredicateFunction
{
    public override string Name => "contains";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "contains({0}, {1})")];

    public override StringComparison Comparison => StringComparison.Ordinal;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.Contains(pattern, StringComparison.Ordinal);
}
