namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromMinutes(double)</c> and <c>TimeSpan.FromMinutes(long)</c>.</summary>
internal sealed class FromMinutesFunction : DurationFromFunction
{
    public override string Name => "from_minutes";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromMinutes), typeof(double)),
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromMinutes), typeof(long)),
    ];

    protected override ExprType IntegerArg => ExprType.Int64;

    protected override long TicksPerUnit => TimeSpan.TicksPerMinute;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromMinutes(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromMinutes(value);
}
