namespace Chalk.Expressions.Functions;

/// <summary><c>t.Minute</c>.</summary>
internal sealed class MinuteFunction : DatePartFunction
{
    public override string Name => "minute";

    public override int Part(DateTime t) => t.Minute;
}
