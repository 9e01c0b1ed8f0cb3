namespace Chalk.Expressions.Functions;

/// <summary>A function <c>(T) -&gt; T</c> over the four numeric types, written as four typed C# bodies.</summary>
internal abstract class NumericUnaryFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = SameTypeUnary(Numeric);

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int a => (object)Int32(a),
        long a => (object)Int64(a),
        float a => (object)Float32(a),
        double a => (object)Float64(a),
        _ => throw new ChalkInternalException($"{Name}: unexpected {args[0]?.GetType().Name}"),
    };

    protected abstract int Int32(int a);

    protected abstract long Int64(long a);

    protected abstract float Float32(float a);

    protected abstract double Float64(double a);
}
