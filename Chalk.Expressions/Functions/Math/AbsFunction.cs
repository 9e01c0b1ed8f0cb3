using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Abs(a)</c>: <c>Math.Abs(int.MinValue)</c> fails the row with .NET's overflow message.</summary>
internal sealed partial class AbsFunction : NumericUnaryFunction
{
    public override string Name => "abs";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        .. ClrMember.Unary(typeof(Math), nameof(Math.Abs), typeof(int), typeof(long), typeof(float), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Abs), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
    {
        var t = c.Type;
        string x = c.Arg(0);
        if (t.IsFloat()) return new SqlText($"abs({x})");
        return new SqlText(
            $"CASE WHEN {x} = {DuckDbSql.Min(t)} THEN CAST(NULL AS {c.SqlType(t)}) ELSE abs({x}) END",
            c.FailWhen(($"{x} = {DuckDbSql.Min(t)}", "Negating the minimum value of a twos complement number is invalid.")));
    })];

    public override bool CanFail => true;

    protected override int Int32(int a) => Math.Abs(a);

    protected override long Int64(long a) => Math.Abs(a);

    protected override float Float32(float a) => Math.Abs(a);

    protected override double Float64(double a) => Math.Abs(a);

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new FallibleKernel<int>(static (a, _) => Math.Abs(a)),
        ExprType.Int64 => new FallibleKernel<long>(static (a, _) => Math.Abs(a)),
        ExprType.Float32 => new UnaryKernel<AbsFloatOp<float>, float>(),
        ExprType.Float64 => new UnaryKernel<AbsFloatOp<double>, double>(),
        _ => null,
    };
}
