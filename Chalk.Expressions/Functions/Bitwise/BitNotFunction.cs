using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary>Integer <c>~a</c> (the bool operator is <c>not</c>).</summary>
internal sealed class BitNotFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = SameTypeUnary(ExprType.Int32, ExprType.Int64);

    public override string Name => "bit_not";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [SqlForm.Template(SqlDialect.DuckDb, "(~{0})")];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int a => (object)~a,
        long a => (object)~a,
        _ => throw new ChalkInternalException($"bit_not: unexpected {args[0]?.GetType().Name}"),
    };

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Int32
        ? new UnaryKernel<BitNotOp<int>, int>()
        : new UnaryKernel<BitNotOp<long>, long>();
}
