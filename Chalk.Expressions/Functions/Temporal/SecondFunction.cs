namespace Chalk.Expressions.Functions;

/// <summary><c>t.Second</c>.</summary>
internal sealed class SecondFunction : DatePartFunction
{
    public override string Name => "second";

    public override int Part(DateTime t) => t.Second;
}
