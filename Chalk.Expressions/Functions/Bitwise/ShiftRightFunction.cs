using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>C# <c>a &gt;&gt; count</c>: arithmetic, copies the sign bit.</summary>
internal sealed class ShiftRightFunction : ShiftFunction
{
    public override string Name => "shr";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => new SqlText($"({c.Arg(0)} >> {DuckDbCount(c)})"))];

    internal override ShiftKind Kind => ShiftKind.Right;

    public override int Int32(int a, int count) => a >> count;

    public override long Int64(long a, int count) => a >> count;
}
