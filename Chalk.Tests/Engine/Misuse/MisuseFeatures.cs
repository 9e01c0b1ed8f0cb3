namespace Chalk.Tests.Engine.Misuse.Features;

[Features]
public class Gadget
{
    public long Id { get; init; }
    public double Weight { get; init; }
    public double Doubled => Weight * 2;
}

public static class InstanceResolvers
{
    [Resolver(Output = "gadget.weight")]
    public static double Weight(long id) => id;
}

public sealed class InstanceResolverHolder
{
    [Resolver(Output = "gadget.weight")]
    public double Weight(long id) => id;
}

[Features]
public class DottedFeature
{
    public long Id { get; init; }
    [Feature("a.b")] public long Ab { get; init; }
}

[Features(Name = "x.y")]
public class DottedClass
{
    public long Id { get; init; }
}

[Features]
public class SpacedFeature
{
    public long Id { get; init; }
    [Feature("total spend")] public long Spend { get; init; }
}

[Features]
public class BracketFeature
{
    public long Id { get; init; }
    [Feature("count[30d]")] public long Count { get; init; }
}

[Features]
public class ListFeature
{
    public long Id { get; init; }
    public List<string> Tags { get; init; } = [];
}

public static class MisspelledOutputResolvers
{
    [Resolver(Output = "gadget.wieght")]
    public static double Weight(long id) => id;
}
