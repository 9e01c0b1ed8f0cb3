using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>C# <c>a &lt;&lt; count</c> (the high bits shifted out are lost).</summary>
internal sealed class ShiftLeftFunction : ShiftFunction
{
    public override string Name => "shl";

    internal override ShiftKind Kind => ShiftKind.Left;

    public override int Int32(int a, int count) => a << count;

    public override long Int64(long a, int count) => a << count;
}
