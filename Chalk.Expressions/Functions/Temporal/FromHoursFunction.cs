namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromHours(double)</c> and <c>TimeSpan.FromHours(int)</c>.</summary>
internal sealed class FromHoursFunction : DurationFromFunction
{
    public override string Name => "from_hours";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromHours), typeof(double)),
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromHours), typeof(int)),
    ];

    protected override ExprType IntegerArg => ExprType.Int32;

    protected override long TicksPerUnit => TimeSpan.TicksPerHour;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromHours(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromHours((int)value);
}
