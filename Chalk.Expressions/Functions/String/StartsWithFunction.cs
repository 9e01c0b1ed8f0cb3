namespace Chalk.Expressions.Functions;

/// <summary><c>s.StartsWith(pattern, StringComparison.Ordinal)</c>.</summary>
internal sealed partial class StartsWithFunction : StringPredicateFunction
{
    public override string Name => "starts_with";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "starts_with({0}, {1})")];

    public override StringComparison Comparison => StringComparison.Ordinal;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.StartsWith(pattern, StringComparison.Ordinal);
}
