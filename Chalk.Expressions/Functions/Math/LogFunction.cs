using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Log(a)</c> / <c>MathF.Log(a)</c>, and <c>Math.Log(a, newBase)</c> on doubles.</summary>
internal sealed partial class LogFunction : FloatUnaryFunction
{
    private static readonly FunctionSignature[] s_signatures =
    [
        .. SameTypeUnary(Floats),
        new(ExprType.Float64, ExprType.Float64, ExprType.Float64),
    ];

    public override string Name => "log";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(Math), nameof(Math.Log), typeof(double)),
        ClrMember.Method(typeof(Math), nameof(Math.Log), typeof(double), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Log), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.Call.Args.Count == 2 ? DuckDbLogBase(c)
        : c.Type == ExprType.Float64 ? new SqlText(DuckDbSql.Ln(c.Arg(0)))
        : throw DuckDbSql.RefuseFloat32(c, "log"))];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override float Float32(float a) => MathF.Log(a);

    public override double Float64(double a) => Math.Log(a);

    // Math.Log(a, b) has its own NaN/base-1/base-0/∞ rules before dividing two logs; calling it keeps them.
    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) =>
        args.Length == 2 ? Math.Log((double)args[0]!, (double)args[1]!) : base.Invoke(args, signature);

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args.Count == 2
        ? new ScalarBinaryKernel<double>(Math.Log)
        : signature.Args[0] == ExprType.Float32
            ? new ScalarUnaryKernel<float>(MathF.Log)
            : new ScalarUnaryKernel<double>(Math.Log);

    /// <summary>Math.Log(a, newBase): NaN operands first, then base 1, then base 0 or +∞ (unless a = 1), else ln(a) / ln(newBase).</summary>
    private static SqlText DuckDbLogBase(SqlCall c)
    {
        string x = c.Arg(0), b = c.Arg(1), nan = DuckDbSql.Nan(ExprType.Float64);
        string body = $"CASE WHEN isnan({x}) THEN {x} WHEN isnan({b}) THEN {b} WHEN {b} = 1 THEN {nan} " +
            $"WHEN {x} <> 1 AND ({b} = 0 OR {b} = CAST('inf' AS DOUBLE)) THEN {nan} ELSE {DuckDbSql.Ln(x)} / {DuckDbSql.Ln(b)} END";
        // isnan(b) can fire beside a NULL a: not strict.
        return new SqlText(c.NullGuarded(body));
    }
}
