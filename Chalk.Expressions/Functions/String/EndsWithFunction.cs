namespace Chalk.Expressions.Functions;

/// <summary><c>s.EndsWith(pattern, StringComparison.Ordinal)</c>.</summary>
internal sealed partial class EndsWithFunction : StringPredicateFunction
{
    public override string Name => "ends_with";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "suffix({0}, {1})")];

    public override StringComparison Comparison => StringComparison.Ordinal;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.EndsWith(pattern, StringComparison.Ordinal);
}
