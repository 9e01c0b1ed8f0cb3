namespace Chalk.Expressions.Functions;

/// <summary><c>TimeSpan.FromMilliseconds(double)</c> and <c>TimeSpan.FromMilliseconds(long)</c>.</summary>
internal sealed class FromMillisecondsFunction : DurationFromFunction
{
    public override string Name => "from_milliseconds";

    protected override ExprType IntegerArg => ExprType.Int64;

    public override TimeSpan FromDouble(double value) => TimeSpan.FromMilliseconds(value);

    public override TimeSpan FromInteger(long value) => TimeSpan.FromMilliseconds(value);
}
