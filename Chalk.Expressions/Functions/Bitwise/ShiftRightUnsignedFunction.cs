using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>C# <c>a &gt;&gt;&gt; count</c>: logical, shifts in zeros.</summary>
internal sealed class ShiftRightUnsignedFunction : ShiftFunction
{
    public override string Name => "shr_un";

    internal override ShiftKind Kind => ShiftKind.RightUnsigned;

    public override int Int32(int a, int count) => a >>> count;

    public override long Int64(long a, int count) => a >>> count;
}
