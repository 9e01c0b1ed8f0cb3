using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary><c>Math.Sign(a)</c>: <c>(T) -&gt; int32</c>; −0 gives 0 and NaN fails the row with .NET's ArithmeticException message.</summary>
internal sealed class SignFunction : ScalarFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. Numeric.Select(t => new FunctionSignature(ExprType.Int32, t))];

    public override string Name => "sign";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        .. ClrMember.Unary(typeof(Math), nameof(Math.Sign), typeof(int), typeof(long), typeof(float), typeof(double)),
        ClrMember.Method(typeof(MathF), nameof(MathF.Sign), typeof(float)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c =>
    {
        string x = c.Arg(0);
        if (c.ArgType(0).IsInteger()) return new SqlText($"CAST(sign({x}) AS INTEGER)");
        // DuckDB orders NaN above every number, so it is tested first.
        string body = $"CASE WHEN isnan({x}) THEN CAST(NULL AS INTEGER) WHEN {x} > 0 THEN 1 WHEN {x} < 0 THEN -1 ELSE 0 END";
        return new SqlText(c.NullGuarded(body), c.FailWhen(($"isnan({x})", s_nanMessage)));
    })];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override bool CanFail => true;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        int a => Math.Sign(a),
        long a => Math.Sign(a),
        float a => Math.Sign(a),
        double a => Math.Sign(a),
        _ => throw new ChalkInternalException($"sign: unexpected {args[0]?.GetType().Name}"),
    };

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new SignKernel<int>(),
        ExprType.Int64 => new SignKernel<long>(),
        ExprType.Float32 => new SignKernel<float>(),
        _ => new SignKernel<double>(),
    };

    private static readonly string s_nanMessage = DuckDbSql.MessageOf(() => Math.Sign(double.NaN));
}
