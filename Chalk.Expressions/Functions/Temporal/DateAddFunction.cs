using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>
/// <c>t.AddDays(x)</c> and its siblings: <c>(timestamp, float64) -&gt; timestamp</c> through .NET's own method.
/// </summary>
/// <remarks>
/// Since .NET 7 these no longer round to the millisecond: the whole units are multiplied exactly and the
/// fraction is truncated to 100 ns ticks; |x| beyond the unit's range, ±∞ and results outside DateTime's
/// range throw <see cref="ArgumentOutOfRangeException"/>, while NaN adds nothing. Calling the method itself
/// keeps every one of those rules exact instead of re-deriving them.
/// </remarks>
internal abstract class DateAddFunction : ScalarFunction
{
    private SqlForm[]? _sqlForms;

    private static readonly FunctionSignature[] s_signatures = [new(ExprType.Timestamp, ExprType.Timestamp, ExprType.Float64)];

    public override IReadOnlyList<FunctionSignature> Signatures => s_signatures;

    public override bool CanFail => true;

    /// <summary>The mirrored <see cref="DateTime"/> method.</summary>
    public abstract DateTime Apply(DateTime t, double value);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => Apply((DateTime)args[0]!, (double)args[1]!);

    internal override Kernel CreateKernel(FunctionSignature signature) => new DateAddKernel(Apply);

    public override IReadOnlyList<SqlForm> SqlForms => _sqlForms ??=
    [
        new(SqlDialect.DuckDb, c => throw c.Refuse($"no faithful DuckDB form for `{Name}`: .NET truncates the fraction to 100 ns ticks, and a DuckDB TIMESTAMP holds whole microseconds")),
    ];
}
