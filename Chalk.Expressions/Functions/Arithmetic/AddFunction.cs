using Chalk.Expressions.Kernels;
using Chalk.Expressions.Kernels.Ops;

namespace Chalk.Expressions.Functions;

/// <summary><c>a + b</c>: unchecked (integers wrap); also <c>timestamp + duration</c> and <c>duration + duration</c>, which fail the row where .NET throws.</summary>
internal sealed partial class AddFunction : NumericBinaryFunction
{
    private static readonly FunctionSignature[] s_signatures =
    [
        .. SameTypeBinary(Numeric),
        new(ExprType.Timestamp, ExprType.Timestamp, ExprType.Duration),
        new(ExprType.Duration, ExprType.Duration, ExprType.Duration),
    ];

    public override string Name => "add";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(DateTime), "op_Addition", typeof(DateTime), typeof(TimeSpan)),
        ClrMember.Method(typeof(DateTime), nameof(DateTime.Add), typeof(TimeSpan)),
        ClrMember.Method(typeof(TimeSpan), "op_Addition", typeof(TimeSpan), typeof(TimeSpan)),
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.Add), typeof(TimeSpan)),
    ];

    public override IReadOnlyList<SqlForm> SqlForms { get; } = [new(SqlDialect.DuckDb, static c => c.ArgType(0) is ExprType.Timestamp or ExprType.Duration
        ? DuckDbArithmetic.Temporal(c, add: true)
        : DuckDbArithmetic.Numeric(c, "+", isChecked: false))];

    public override string InfixOperator => "+";

    public override int InfixPrecedence => 1;

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    // Moving a DateTime or a TimeSpan by a TimeSpan throws outside their ranges; numbers wrap.
    public override bool CanFailWith(FunctionSignature signature) => signature.Args[1] == ExprType.Duration;

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        DateTime t => t + (TimeSpan)args[1]!,
        TimeSpan d => d + (TimeSpan)args[1]!,
        _ => base.Invoke(args, signature),
    };

    protected override int Int32(int a, int b) => unchecked(a + b);

    protected override long Int64(long a, long b) => unchecked(a + b);

    protected override float Float32(float a, float b) => a + b;

    protected override double Float64(double a, double b) => a + b;

    internal override Kernel? CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Int32 => new BinaryKernel<AddOp<int>, int>(),
        ExprType.Timestamp when signature.Args[1] == ExprType.Duration => new CheckedTemporalKernel(timestamp: true, subtract: false),
        ExprType.Duration => new CheckedTemporalKernel(timestamp: false, subtract: false),
        ExprType.Int64 or ExprType.Timestamp => new BinaryKernel<AddOp<long>, long>(),
        ExprType.Float32 => new BinaryKernel<AddOp<float>, float>(),
        ExprType.Float64 => new BinaryKernel<AddOp<double>, double>(),
        _ => null,
    };
}
