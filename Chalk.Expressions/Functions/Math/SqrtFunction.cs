using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Sqrt(a)</c> / <c>MathF.Sqrt(a)</c>.</summary>
internal sealed partial class SqrtFunction : FloatUnaryFunction
{
    public override string Name => "sqrt";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Sqrt), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Sqrt), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
    {
        string x = c.Arg(0);
        // DuckDB raises where C# returns NaN. A float32 sqrt computed in double and rounded once is exact.
        return new SqlText(c.Type == ExprType.Float32
            ? $"CASE WHEN {x} < 0 THEN {DuckDbSql.Nan(c.Type)} ELSE CAST(sqrt(CAST({x} AS DOUBLE)) AS FLOAT) END"
            : $"CASE WHEN {x} < 0 THEN {DuckDbSql.Nan(c.Type)} ELSE sqrt({x}) END");
    })];

    public override float Float32(float a) => MathF.Sqrt(a);

    public override double Float64(double a) => Math.Sqrt(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new UnaryKernel<SqrtOp<float>, float>()
        : new UnaryKernel<SqrtOp<double>, double>();
}
