using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>s.Trim()</c>.</summary>
internal sealed partial class TrimFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Utf8, ExprType.Utf8)];

    public override string Name => "trim";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(string), nameof(string.Trim))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => ((string)args[0]!).Trim();

    internal override Kernel CreateKernel(FunctionSignature signature) => new StringTransformKernel(StringTransform.Trim);
}
