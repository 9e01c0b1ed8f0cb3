using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Round(a)</c> and <c>Math.Round(a, digits)</c>: half to even; digits outside 0..15 (0..6 for float32) fail the row.</summary>
internal sealed partial class RoundFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures =
    [
        new(ExprType.Float32, ExprType.Float32),
        new(ExprType.Float64, ExprType.Float64),
        new(ExprType.Float32, ExprType.Float32, ExprType.Int32),
        new(ExprType.Float64, ExprType.Float64, ExprType.Int32),
    ];

    public override string Name => "round";

    public override IReadOnlyList<ClrMember> Members { get; } = [
        ClrMember.Method(typeof(Math), nameof(Math.Round), typeof(double)),
        ClrMember.Method(typeof(Math), nameof(Math.Round), typeof(double), typeof(int)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Round), typeof(float)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Round), typeof(float), typeof(int)),
    ];

    public override bool CanFail => true;

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => (args[0], args.Length) switch
    {
        (float a, 1) => (object)MathF.Round(a),
        (double a, 1) => Math.Round(a),
        (float a, _) => (object)MathF.Round(a, (int)args[1]!),
        (double a, _) => Math.Round(a, (int)args[1]!),
        _ => throw new ChalkInternalException($"round: unexpected {args[0]?.GetType().Name}"),
    };

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args switch
    {
        [ExprType.Float32] => new UnaryKernel<RoundF32, float>(),
        [ExprType.Float64] => new UnaryKernel<RoundF64, double>(),
        [ExprType.Float32, ExprType.Int32] => new RoundDigitsKernel<float>(),
        [ExprType.Float64, ExprType.Int32] => new RoundDigitsKernel<double>(),
        _ => null,
    };
}
