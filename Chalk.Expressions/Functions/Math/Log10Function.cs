using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Log10(a)</c> / <c>MathF.Log10(a)</c> (scalar: a vector log is not bit-identical to the C runtime's).</summary>
internal sealed class Log10Function : FloatUnaryFunction
{
    public override string Name => "log10";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Log10), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Log10), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.Type == ExprType.Float64
        // DuckDB raises where C# returns NaN (x < 0) or −∞ (x = 0).
        ? new SqlText($"CASE WHEN {c.Arg(0)} < 0 THEN {DuckDbSql.Nan(c.Type)} WHEN {c.Arg(0)} = 0 THEN CAST('-inf' AS DOUBLE) ELSE log10({c.Arg(0)}) END")
        : throw DuckDbSql.RefuseFloat32(c, "log10"))];

    public override float Float32(float a) => MathF.Log10(a);

    public override double Float64(double a) => Math.Log10(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new ScalarUnaryKernel<float>(MathF.Log10)
        : new ScalarUnaryKernel<double>(Math.Log10);
}
