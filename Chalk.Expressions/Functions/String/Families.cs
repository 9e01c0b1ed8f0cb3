using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>A predicate <c>(utf8, utf8) -&gt; bool</c> on a string and a pattern, with a <see cref="StringComparison"/>.</summary>
internal abstract class StringPredicateFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Bool, ExprType.Utf8, ExprType.Utf8)];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    /// <summary>Ordinal or OrdinalIgnoreCase.</summary>
    public abstract StringComparison Comparison { get; }

    public abstract bool Test(ReadOnlySpan<char> s, ReadOnlySpan<char> pattern);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => Test((string)args[0]!, (string)args[1]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => new StringPredicateKernel(this);
}
