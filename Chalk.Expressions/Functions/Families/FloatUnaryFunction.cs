namespace Chalk.Expressions.Functions;

/// <summary>A function <c>(T) -&gt; T</c> over float32 and float64 (the <c>MathF</c> / <c>Math</c> method).</summary>
internal abstract class FloatUnaryFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = SameTypeUnary(Floats);

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        float a => (object)Float32(a),
        double a => (object)Float64(a),
        _ => throw new ChalkInternalException($"{Name}: unexpected {args[0]?.GetType().Name}"),
    };

    public abstract float Float32(float a);

    public abstract double Float64(double a);
}
