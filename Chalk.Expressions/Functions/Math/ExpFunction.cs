using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Exp(a)</c> / <c>MathF.Exp(a)</c>.</summary>
internal sealed partial class ExpFunction : FloatUnaryFunction
{
    public override string Name => "exp";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Exp), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Exp), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.Type == ExprType.Float64 ? new SqlText($"exp({c.Arg(0)})") : throw DuckDbSql.RefuseFloat32(c, "exp"))];

    public override float Float32(float a) => MathF.Exp(a);

    public override double Float64(double a) => Math.Exp(a);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] == ExprType.Float32
        ? new ScalarUnaryKernel<float>(MathF.Exp)
        : new ScalarUnaryKernel<double>(Math.Exp);
}
