namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromSeconds(double)</c> and <c>TimeSpan.FromSeconds(long)</c>.</summary>
internal sealed class FromSecondsFunction : DurationFromFunction
{
    public override string Name => "from_seconds";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromSeconds), typeof(double)),
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromSeconds), typeof(long)),
    ];

    protected override ExprType IntegerArg => ExprType.Int64;

    protected override long TicksPerUnit => TimeSpan.TicksPerSecond;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromSeconds(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromSeconds(value);
}
