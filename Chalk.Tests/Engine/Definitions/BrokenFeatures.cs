namespace Chalk.Tests.Engine.Definitions.Broken;

[Features]
public class Unsupported
{
    public long Id { get; init; }
    public decimal Price { get; init; }
}

[Features]
public class Orphan
{
    public long Id { get; init; }
    public Parent? Parent { get; init; }
}

[Features]
public class Parent
{
    public long Id { get; init; }
    public DataFrame<Transfer> Transfers { get; init; } = [];
}

[Features]
public class Transfer
{
    public long Id { get; init; }
    public long FromParentId { get; init; }
    public long ToParentId { get; init; }
}

[Features]
public class FixedParent
{
    public long Id { get; init; }
    [HasMany(ForeignKey = nameof(FixedTransfer.FromFixedParentId))] public DataFrame<FixedTransfer> Sent { get; init; } = [];
}

[Features]
public class FixedTransfer
{
    public long Id { get; init; }
    public long FromFixedParentId { get; init; }
    public long ToFixedParentId { get; init; }
}

[Features]
public class WrongKey
{
    public long Id { get; init; }
    public string TargetId { get; init; } = "";
    public Target? Target { get; init; }
}

[Features]
public class Target
{
    public long Id { get; init; }
}

[Features]
public class Loop
{
    public long Id { get; init; }
    public double A { get; init; }
    public double B { get; init; }
}

public static class LoopResolvers
{
    [Resolver(Output = "loop.a")]
    public static double A(double b) => b + 1;

    [Resolver(Output = "loop.b")]
    public static double B(double a) => a * 2;
}
