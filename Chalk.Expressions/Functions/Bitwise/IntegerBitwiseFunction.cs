namespace Chalk.Expressions.Functions;

/// <summary>A function <c>(T, T) -&gt; T</c> on int32 and int64 (C#'s integer <c>&amp; | ^</c>); never fails.</summary>
internal abstract class IntegerBitwiseFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = SameTypeBinary(ExprType.Int32, ExprType.Int64);

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int a => (object)Int32(a, (int)args[1]!),
        long a => (object)Int64(a, (long)args[1]!),
        _ => throw new ChalkInternalException($"{Name}: unexpected {args[0]?.GetType().Name}"),
    };

    protected abstract int Int32(int a, int b);

    protected abstract long Int64(long a, long b);
}
