namespace Chalk.Expressions.Functions;

/// <summary><c>s.Contains(pattern, StringComparison.OrdinalIgnoreCase)</c>.</summary>
internal sealed partial class ContainsIgnoreCaseFunction : StringPredicateFunction
{
    public override string Name => "contains_ignore_case";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
        // OrdinalIgnoreCase compares the simple upper-case mapping of each scalar value.
        new SqlText($"contains({CaseMappingTables.DuckDbTranslate(c, c.Arg(0), CaseMappingTables.OrdinalUpper)}, {CaseMappingTables.DuckDbTranslate(c, c.Arg(1), CaseMappingTables.OrdinalUpper)})"))];

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.Contains(pattern, StringComparison.OrdinalIgnoreCase);
}
