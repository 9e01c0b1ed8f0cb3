using System.Globalization;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>x.ToString(CultureInfo.InvariantCulture)</c> for numbers (shortest round-trip for floats, as .NET Core 3.0+).</summary>
/// <remarks>C#'s culture-less <c>x.ToString()</c> uses the current culture; the engine fixes the invariant one.</remarks>
internal sealed class ToStringFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. Numeric.Select(t => new FunctionSignature(ExprType.Utf8, t))];

    public override string Name => "to_string";

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) =>
        ((IFormattable)args[0]!).ToString(null, CultureInfo.InvariantCulture);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new FormatKernel<int>(),
        ExprType.Int64 => new FormatKernel<long>(),
        ExprType.Float32 => new FormatKernel<float>(),
        _ => new FormatKernel<double>(),
    };
}
