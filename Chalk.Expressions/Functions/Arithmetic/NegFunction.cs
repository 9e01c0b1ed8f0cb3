using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>-a</c>: unchecked (<c>-int.MinValue</c> is <c>int.MinValue</c>); also negates durations.</summary>
internal sealed partial class NegFunction : NumericUnaryFunction
{
    private static readonly FunctionSignature[] s_signatures = [.. SameTypeUnary(Numeric), new(ExprType.Duration, ExprType.Duration)];

    public override string Name => "neg";

    public override IReadOnlyList<ClrMember> Members { get; } = [ClrMember.Method(typeof(TimeSpan), "op_UnaryNegation", typeof(TimeSpan))];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.Type switch
    {
        // −TimeSpan only throws for MinValue ticks, which is not a whole number of microseconds.
        ExprType.Duration => new SqlText($"(-{c.Arg(0)})"),
        var t when t.IsFloat() => new SqlText($"(-{c.Arg(0)})"),
        var t => new SqlText(DuckDbSql.Wrap(t, $"(-CAST({c.Arg(0)} AS {DuckDbSql.Wide(t)}))")),
    })];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) =>
        args[0] is TimeSpan t ? -t : base.Invoke(args, signature);

    protected override int Int32(int a) => unchecked(-a);

    protected override long Int64(long a) => unchecked(-a);

    protected override float Float32(float a) => -a;

    protected override double Float64(double a) => -a;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new UnaryKernel<NegOp<int>, int>(),
        ExprType.Int64 or ExprType.Duration => new UnaryKernel<NegOp<long>, long>(),
        ExprType.Float32 => new UnaryKernel<NegOp<float>, float>(),
        ExprType.Float64 => new UnaryKernel<NegOp<double>, double>(),
        _ => null,
    };
}
