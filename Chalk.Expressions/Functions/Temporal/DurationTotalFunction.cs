using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>d.TotalDays</c> and its siblings: <c>(duration) -&gt; float64</c>, the ticks divided by the unit's ticks.</summary>
internal abstract class DurationTotalFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Float64, ExprType.Duration)];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    /// <summary>The mirrored <see cref="TimeSpan"/> property.</summary>
    public abstract double Total(TimeSpan d);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => Total((TimeSpan)args[0]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => new DurationKernel<double>(Total);

    /// <summary>The duration's 100 ns ticks as a DOUBLE: µs × 10 is the exact tick count, and BIGINT → DOUBLE rounds once, as .NET's <c>(double)ticks</c> does.</summary>
    protected static string DuckDbTicks(SqlCall c) => $"CAST({c.Arg(0)} * 10 AS DOUBLE)";
}
