namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromDays(double)</c> and <c>TimeSpan.FromDays(int)</c>.</summary>
internal sealed class FromDaysFunction : DurationFromFunction
{
    public override string Name => "from_days";

    protected override ExprType IntegerArg => ExprType.Int32;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromDays(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromDays((int)value);
}
