namespace Chalk.Expressions.Functions;

/// <summary><c>a % b</c>: the sign follows the dividend; integer zero divisor and <c>MinValue % -1</c> fail the row as in .NET on x64; float remainder is C#'s (truncated, not IEEERemainder).</summary>
internal sealed partial class RemFunction : NumericBinaryFunction
{
    public override string Name => "rem";

    public override string InfixOperator => "%";

    public override int InfixPrecedence => 2;

    public override bool CanFail => true;

    protected override int Int32(int a, int b) => a % b;

    protected override long Int64(long a, long b) => a % b;

    protected override float Float32(float a, float b) => a % b;

    protected override double Float64(double a, double b) => a % b;
}
