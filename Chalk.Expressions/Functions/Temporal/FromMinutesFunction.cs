namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromMinutes(double)</c> and <c>TimeSpan.FromMinutes(long)</c>.</summary>
internal sealed class FromMinutesFunction : DurationFromFunction
{
    public override string Name => "from_minutes";

    protected override ExprType IntegerArg => ExprType.Int64;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromMinutes(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromMinutes(value);
}
