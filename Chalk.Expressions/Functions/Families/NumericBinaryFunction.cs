namespace Chalk.Expressions.Functions;

/// <summary>A function <c>(T, T) -&gt; T</c> over the four numeric types, written as four typed C# bodies.</summary>
internal abstract class NumericBinaryFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = SameTypeBinary(Numeric);

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int a => (object)Int32(a, (int)args[1]!),
        long a => (object)Int64(a, (long)args[1]!),
        float a => (object)Float32(a, (float)args[1]!),
        double a => (object)Float64(a, (double)args[1]!),
        _ => throw new ChalkInternalException($"{Name}: unexpected {args[0]?.GetType().Name}"),
    };

    protected abstract int Int32(int a, int b);

    protected abstract long Int64(long a, long b);

    protected abstract float Float32(float a, float b);

    protected abstract double Float64(double a, double b);
}
