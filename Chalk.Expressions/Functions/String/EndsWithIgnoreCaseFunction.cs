namespace Chalk.Expressions.Functions;

/// <summary><c>s.EndsWith(pattern, StringComparison.OrdinalIgnoreCase)</c>.</summary>
internal sealed partial class EndsWithIgnoreCaseFunction : StringPredicateFunction
{
    public override string Name => "ends_with_ignore_case";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
        // OrdinalIgnoreCase compares the simple upper-case mapping of each scalar value.
        new SqlText($"suffix({CaseMappingTables.DuckDbTranslate(c, c.Arg(0), CaseMappingTables.OrdinalUpper)}, {CaseMappingTables.DuckDbTranslate(c, c.Arg(1), CaseMappingTables.OrdinalUpper)})"))];

    public override StringComparison Comparison => StringComparison.OrdinalIgnoreCase;

    public override bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern) => s.EndsWith(pattern, StringComparison.OrdinalIgnoreCase);
}
