namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromHours(double)</c> and <c>TimeSpan.FromHours(int)</c>.</summary>
internal sealed class FromHoursFunction : DurationFromFunction
{
    public override string Name => "from_hours";

    protected override ExprType IntegerArg => ExprType.Int32;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromHours(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromHours((int)value);
}
