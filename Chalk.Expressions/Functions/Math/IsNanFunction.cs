using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>double.IsNaN(a)</c> / <c>float.IsNaN(a)</c>.</summary>
internal sealed partial class IsNanFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. Floats.Select(t => new FunctionSignature(ExprType.Bool, t))];

    public override string Name => "is_nan";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(double), nameof(double.IsNaN), typeof(double)),
        ClrMember.Method(typeof(float), nameof(float.IsNaN), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        SqlForm.Template(SqlDialect.DuckDb, "isnan({0})"),
        new(SqlDialect.PostgreSql, static c => c.ArgType(0) == ExprType.Float64 ? new SqlText($"({c.Arg(0)} = {c.Double(double.NaN)})") : throw c.Refuse($"no exact PostgreSQL form for `is_nan` {c.Call.Signature}")),
    ];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) =>
        args[0] is float f ? float.IsNaN(f) : double.IsNaN((double)args[0]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new IsNanKernel<float>()
        : new IsNanKernel<double>();
}
