namespace Chalk.Expressions.Functions;

/// <summary><c>t.AddMilliseconds(x)</c>: the fraction is truncated to ticks; out of range fails the row with .NET's message.</summary>
internal sealed class AddMillisecondsFunction : DateAddFunction
{
    public override string Name => "add_milliseconds";

    public override IReadOnlyList<ClrMember> Members { get; } =
    [
        ClrMember.Method(typeof(DateTime), nameof(DateTime.AddMilliseconds), typeof(double)),
    ];

    public override DateTime Apply(DateTime t, double value) => t.AddMilliseconds(value);
}
