namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromMilliseconds(double)</c> and <c>TimeSpan.FromMilliseconds(long)</c>.</summary>
internal sealed class FromMillisecondsFunction : DurationFromFunction
{
    public override string Name => "from_milliseconds";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromMilliseconds), typeof(double)),
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromMilliseconds), typeof(long)),
    ];

    protected override ExprType IntegerArg => ExprType.Int64;

    protected override long TicksPerUnit => TimeSpan.TicksPerMillisecond;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromMilliseconds(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromMilliseconds(value);
}
