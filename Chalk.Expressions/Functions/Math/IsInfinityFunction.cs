using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>double.IsInfinity(a)</c> / <c>float.IsInfinity(a)</c> (either sign).</summary>
internal sealed partial class IsInfinityFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. Floats.Select(t => new FunctionSignature(ExprType.Bool, t))];

    public override string Name => "is_infinity";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(double), nameof(double.IsInfinity), typeof(double)),
        ClrMember.Method(typeof(float), nameof(float.IsInfinity), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } =
    [
        SqlForm.Template(SqlDialect.DuckDb, "isinf({0})"),
        new(SqlDialect.PostgreSql, static c => c.ArgType(0) == ExprType.Float64 ? new SqlText($"(abs({c.Arg(0)}) = {c.Double(double.PositiveInfinity)})") : throw c.Refuse($"no exact PostgreSQL form for `is_infinity` {c.Call.Signature}")),
    ];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) =>
        args[0] is float f ? float.IsInfinity(f) : double.IsInfinity((double)args[0]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new PredicateKernel<float>(float.IsInfinity)
        : new PredicateKernel<double>(double.IsInfinity);
}
