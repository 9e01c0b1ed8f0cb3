using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>C# <c>a &gt;&gt;&gt; count</c>: logical, shifts in zeros.</summary>
internal sealed class ShiftRightUnsignedFunction : ShiftFunction
{
    public override string Name => "shr_un";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
    {
        // Shift the value plus 2^32 (2^64) when negative, in the wider type, then wrap back.
        string x = c.Arg(0), wide = DuckDbSql.Wide(c.Type);
        string two32or64 = c.Type == ExprType.Int32 ? "CAST(4294967296 AS BIGINT)" : "CAST('18446744073709551616' AS HUGEINT)";
        return new SqlText(DuckDbSql.Wrap(c.Type, $"(CASE WHEN {x} < 0 THEN CAST({x} AS {wide}) + {two32or64} ELSE CAST({x} AS {wide}) END >> {DuckDbCount(c)})"));
    })];

    internal override ShiftKind Kind => ShiftKind.RightUnsigned;

    public override int Int32(int a, int count) => a >>> count;

    public override long Int64(long a, int count) => a >>> count;
}
