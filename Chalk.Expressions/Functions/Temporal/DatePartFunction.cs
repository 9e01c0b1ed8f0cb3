using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>A part of a timestamp as int32 (the <see cref="DateTime"/> property).</summary>
internal abstract class DatePartFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Int32, ExprType.Timestamp)];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public abstract int Part(DateTime t);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => Part((DateTime)args[0]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => new DatePartKernel(Part);
}
