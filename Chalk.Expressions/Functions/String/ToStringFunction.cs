using System.Globalization;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>x.ToString(CultureInfo.InvariantCulture)</c> for numbers (shortest round-trip for floats, as .NET Core 3.0+).</summary>
/// <remarks>C#'s culture-less <c>x.ToString()</c> uses the current culture; the engine fixes the invariant one.</remarks>
internal sealed class ToStringFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. Numeric.Select(t => new FunctionSignature(ExprType.Utf8, t))];

    public override string Name => "to_string";

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.ArgType(0).IsInteger()
        // Invariant integer formatting is plain decimal digits with a leading '-', as DuckDB prints them.
        ? new SqlText($"CAST({c.Arg(0)} AS VARCHAR)")
        : throw c.Refuse($"no faithful DuckDB form for `to_string` on {c.ArgType(0).Name()}: DuckDB's float text (e.g. 1e+300, -0.0) differs from .NET's shortest round-trip format (1E+300, -0)"))];

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
