using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>C# <c>a &lt;&lt; count</c> (the high bits shifted out are lost).</summary>
internal sealed class ShiftLeftFunction : ShiftFunction
{
    public override string Name => "shl";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText(DuckDbSql.Wrap(c.Type, $"(CAST({c.Arg(0)} AS {DuckDbSql.Wide(c.Type)}) * (CAST(1 AS {DuckDbSql.Wide(c.Type)}) << {DuckDbCount(c)}))")))];

    internal override ShiftKind Kind => ShiftKind.Left;

    public override int Int32(int a, int count) => a << count;

    public override long Int64(long a, int count) => a << count;
}
