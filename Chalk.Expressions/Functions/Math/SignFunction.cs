using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Sign(a)</c>: <c>(T) -&gt; int32</c>; −0 gives 0 and NaN fails the row with .NET's ArithmeticException message.</summary>
internal sealed class SignFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. Numeric.Select(t => new FunctionSignature(ExprType.Int32, t))];

    public override string Name => "sign";

    public override IReadOnlyList<ClrMember> Members { get; } = [.. ClrMember.Unary(typeof(Math), nameof(Math.Sign), typeof(int), typeof(long), typeof(float), typeof(double)), ClrMember.Method(typeof(MathF), nameof(MathF.Sign), typeof(float))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override bool CanFail => true;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int a => Math.Sign(a),
        long a => Math.Sign(a),
        float a => Math.Sign(a),
        double a => Math.Sign(a),
        _ => throw new ChalkInternalException($"sign: unexpected {args[0]?.GetType().Name}"),
    };

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new SignKernel<int>(),
        ExprType.Int64 => new SignKernel<long>(),
        ExprType.Float32 => new SignKernel<float>(),
        _ => new SignKernel<double>(),
    };
}
