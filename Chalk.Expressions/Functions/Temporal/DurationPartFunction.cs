using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>d.Days</c>, <c>d.Hours</c>, …: <c>(duration) -&gt; int32</c>, a component of the TimeSpan (negative for negative spans).</summary>
internal abstract class DurationPartFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Int32, ExprType.Duration)];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    /// <summary>The mirrored <see cref="TimeSpan"/> property.</summary>
    public abstract int Part(TimeSpan d);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => Part((TimeSpan)args[0]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => new DurationKernel<int>(Part);
}
