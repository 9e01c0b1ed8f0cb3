namespace Chalk.Tests.Engine.Definitions.Conflicts;

[Features]
public class Pump
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public double Speed { get; init; }
    public double Rate { get; init; }
}

public static class PumpResolvers
{
    [Resolver(Output = "pump.rate")]
    public static double Rate(double speed) => speed * 10;
}

public static class PumpOverrides
{
    [Resolver(Output = "pump.rate")]
    public static double FasterRate(double speed) => speed * 20;
}
