using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Functions;

/// <summary>
/// <c>TimeSpan.FromDays(x)</c> and its siblings: <c>(float64) -&gt; duration</c> and, since .NET 9, an integer
/// overload (<c>FromDays(int)</c>, <c>FromMinutes(long)</c>, …) that C# picks for integer arguments.
/// </summary>
/// <remarks>
/// The two overloads fail differently (the double one: NaN → <see cref="ArgumentException"/>, too long →
/// <see cref="OverflowException"/>; the integer one: <see cref="ArgumentOutOfRangeException"/>), so each
/// signature calls its own .NET overload.
/// </remarks>
internal abstract class DurationFromFunction : ScalarFunction
{
    private static readonly string s_tooLong = DuckDbSql.MessageOf(() => TimeSpan.FromDays(int.MaxValue));

    private SqlForm[]? _sqlForms;

    private FunctionSignature[]? _signatures;

    public override IReadOnlyList<FunctionSignature> Signatures =>
        _signatures ??= [new(ExprType.Duration, ExprType.Float64), new(ExprType.Duration, IntegerArg)];

    public override bool CanFail => true;

    /// <summary>The integer overload's parameter type: int32 for days and hours, int64 for the rest.</summary>
    protected abstract ExprType IntegerArg { get; }

    /// <summary>The <c>double</c> overload.</summary>
    public abstract TimeSpan FromDouble(double value);

    /// <summary>The integer overload (an int32 argument arrives widened).</summary>
    public abstract TimeSpan FromInteger(long value);

    public override object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature) => args[0] switch
    {
        double d => FromDouble(d),
        int i => FromInteger(i),
        long l => FromInteger(l),
        _ => throw new ChalkInternalException($"{Name}: unexpected {args[0]?.GetType().Name}"),
    };

    internal override Kernel CreateKernel(FunctionSignature signature) => signature.Args[0] switch
    {
        ExprType.Float64 => new ToDurationKernel<double>(FromDouble),
        ExprType.Int32 => new ToDurationKernel<int>(i => FromInteger(i)),
        _ => new ToDurationKernel<long>(FromInteger),
    };

    /// <summary>The 100 ns ticks in one unit (<see cref="TimeSpan.TicksPerDay"/> for <c>from_days</c>).</summary>
    protected abstract long TicksPerUnit { get; }

    /// <summary>
    /// The integer overloads (.NET 9+) are exact multiples of a microsecond and fail outside TimeSpan's range; the double
    /// overloads truncate to 100 ns ticks, which a µs duration cannot hold.
    /// </summary>
    public override IReadOnlyList<SqlForm> SqlForms => _sqlForms ??= [new(SqlDialect.DuckDb, DuckDbForm)];

    private SqlText DuckDbForm(SqlCall c)
    {
        if (c.ArgType(0) == ExprType.Float64)
            throw c.Refuse($"no faithful DuckDB form for `{Name}` on float64: .NET truncates to 100 ns ticks, and durations are whole microseconds in SQL");
        long micros = TicksPerUnit / 10;
        string wide = $"(CAST({c.Arg(0)} AS HUGEINT) * {micros * 10})";
        string inRange = $"{wide} BETWEEN CAST('-9223372036854775808' AS HUGEINT) AND CAST('9223372036854775807' AS HUGEINT)";
        string v = $"CASE WHEN {inRange} THEN CAST({c.Arg(0)} AS BIGINT) * {micros} ELSE CAST(NULL AS BIGINT) END";
        return new SqlText(v, c.FailWhen(($"NOT ({inRange})", s_tooLong)));
    }
}
