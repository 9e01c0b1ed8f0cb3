using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>a - b</c>: unchecked; also <c>timestamp - timestamp</c> (a duration), <c>timestamp - duration</c> and <c>duration - duration</c> (which fail the row where .NET throws).</summary>
internal sealed partial class SubFunction : NumericBinaryFunction
{
    private static readonly FunctionSignature[] s_signatures =
    [
        .. SameTypeBinary(Numeric),
        new(ExprType.Duration, ExprType.Timestamp, ExprType.Timestamp),
        new(ExprType.Timestamp, ExprType.Timestamp, ExprType.Duration),
        new(ExprType.Duration, ExprType.Duration, ExprType.Duration),
    ];

    public override string Name => "sub";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(DateTime), "op_Subtraction", typeof(DateTime), typeof(TimeSpan)),
        ClrMember.Method(typeof(DateTime), "op_Subtraction", typeof(DateTime), typeof(DateTime)),
        ClrMember.Method(typeof(DateTime), nameof(DateTime.Subtract), typeof(TimeSpan)),
        ClrMember.Method(typeof(DateTime), nameof(DateTime.Subtract), typeof(DateTime)),
        ClrMember.Method(typeof(TimeSpan), "op_Subtraction", typeof(TimeSpan), typeof(TimeSpan)),
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.Subtract), typeof(TimeSpan)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.ArgType(0) is ExprType.Timestamp or ExprType.Duration
        ? DuckDbArithmetic.Temporal(c, add: false)
        : DuckDbArithmetic.Numeric(c, "-", isChecked: false))];

    public override string InfixOperator => "-";

    public override int InfixPrecedence => 1;

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    // Moving a DateTime or a TimeSpan by a TimeSpan throws outside their ranges; numbers wrap.
    public override bool CanFailWith(FunctionSignature signature) => signature.Args[1] == ExprType.Duration;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => (args[0], args[1]) switch
    {
        (DateTime a, DateTime b) => a - b,
        (DateTime a, TimeSpan b) => a - b,
        (TimeSpan a, TimeSpan b) => a - b,
        _ => base.Invoke(args, signature),
    };

    protected override int Int32(int a, int b) => unchecked(a - b);

    protected override long Int64(long a, long b) => unchecked(a - b);

    protected override float Float32(float a, float b) => a - b;

    protected override double Float64(double a, double b) => a - b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new BinaryKernel<SubOp<int>, int>(),
        ExprType.Timestamp when signature.Args[1] == ExprType.Duration => new CheckedTemporalKernel(timestamp: true, subtract: true),
        ExprType.Duration => new CheckedTemporalKernel(timestamp: false, subtract: true),
        ExprType.Int64 or ExprType.Timestamp => new BinaryKernel<SubOp<long>, long>(),
        ExprType.Float32 => new BinaryKernel<SubOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<SubOp<double>, double>(),
        _ => null,
    };
}
