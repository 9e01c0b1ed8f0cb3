namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromDays(double)</c> and <c>TimeSpan.FromDays(int)</c>.</summary>
internal sealed class FromDaysFunction : DurationFromFunction
{
    public override string Name => "from_days";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromDays), typeof(double)),
        ClrMember.Method(typeof(TimeSpan), nameof(TimeSpan.FromDays), typeof(int)),
    ];

    protected override ExprType IntegerArg => ExprType.Int32;

    protected override long TicksPerUnit => TimeSpan.TicksPerDay;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromDays(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromDays((int)value);
}
