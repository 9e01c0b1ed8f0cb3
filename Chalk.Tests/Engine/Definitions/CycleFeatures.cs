namespace Chalk.Tests.Engine.Definitions.Cycles;

// A greenhouse domain, one small class per kind of cycle (or near-cycle), so each test builds only what it is about.

[Features]
public class Bed
{
    public long Id { get; init; }
    public double A => B + 1;
    public double B => A * 2;
}

[Features]
public class Tray
{
    public long Id { get; init; }
    public double Water => Scaled(() => Light);
    public double Light => Half();

    private double Half() => Water / 2;
    private static double Scaled(Func<double> f) => f() * 3;
}

[Features]
public class Trellis
{
    public long Id { get; init; }
    public double Height => TrellisMath.Twice(this);
    public double Shade => Height - 1;
}

public static class TrellisMath
{
    public static double Twice(Trellis t) => t.Shade * 2;
}

[Features]
public class Cutting
{
    public long Id { get; init; }
    public long? ParentId { get; init; }
    public Cutting? Parent { get; init; }
    public int Generation => Parent is null ? 0 : Parent.Generation + 1;
}

[Features]
public class Pot
{
    public long Id { get; init; }
    public long SoilId { get; init; }
    public Soil? Soil { get; init; }
    public double Moisture => Soil is null ? 0 : Soil.Capacity * 0.5;
}

[Features]
public class Soil
{
    public long Id { get; init; }
    public long PotId { get; init; }
    public Pot? Pot { get; init; }
    public double Capacity => Pot is null ? 0 : Pot.Moisture * 2;
}

[Features]
public class Sensor
{
    public long Id { get; init; }

    [Windowed("1d", "7d")]
    public long Readings(Window w) => Alarm ? 1 : 0;

    public bool Alarm => Readings(new Window(DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1))) > 3;
}

[Features]
public class Valve
{
    public long Id { get; init; }
    public double Flow { get; init; }
    public double Pressure { get; init; }
    public double Setting { get; init; }
}

public static class ValveResolvers
{
    [Resolver(Output = "valve.flow")]
    public static double Flow(double pressure) => pressure * 2;

    [Resolver(Output = "valve.pressure")]
    public static double Pressure(double setting) => setting + 1;

    [Resolver(Output = "valve.setting")]
    public static double Setting(double flow) => flow / 3;
}

/// <summary>Looked up by tag in SQL, and the tag is computed by C# from the species the file returns.</summary>
[Features]
public class Plant
{
    public long Id { get; init; }
    public string Species { get; init; } = "";
    public string Tag { get; init; } = "";
    public string Label => Species + "/" + Tag;
}

public static class PlantResolvers
{
    [Resolver(Output = "plant.tag")]
    public static string Tag(string species) => species.ToUpperInvariant();
}

/// <summary>Mixed: a computed property reads what a [Resolver] computes from a SQL column keyed by the computed property.</summary>
[Features]
public class Seed
{
    public long Id { get; init; }
    public string Code => "S" + Batch;
    public long Batch { get; init; }
    public double Weight { get; init; }
}

public static class SeedResolvers
{
    [Resolver(Output = "seed.batch")]
    public static long Batch(double weight) => (long)weight;
}

/// <summary>A parent aggregates a feature its children compute from the parent's aggregate.</summary>
[Features]
public class House
{
    public long Id { get; init; }
    public double Area { get; init; }
    public DataFrame<Bench> Benches { get; init; } = [];
    public double Load => Benches.Sum(b => b.Share);
    public double Spread => Benches.Sum(b => b.Part);
}

[Features]
public class Bench
{
    public long Id { get; init; }
    public long HouseId { get; init; }
    public House? House { get; init; }
    public double Share { get; init; }
    public double Part => House is null ? 0 : House.Area / 10;
}

public static class BenchResolvers
{
    [Resolver(Output = "bench.share")]
    public static double Share([Feature("bench.house.load")] double load) => load / 2;
}

/// <summary>Near-cycles that are not cycles: a chain of computed properties, and a parent read through a relation.</summary>
[Features]
public class Shoot
{
    public long Id { get; init; }
    public long? ParentId { get; init; }
    public Shoot? Parent { get; init; }
    public double Length { get; init; }
    public double Doubled => Length * 2;
    public double Padded => Doubled + 1;
    public double ParentLength => Parent is null ? 0 : Parent.Doubled;
}

/// <summary>A rack is looked up by a code computed from its hall's load, which sums the racks' shares.</summary>
[Features]
public class Hall
{
    public long Id { get; init; }
    public DataFrame<Rack> Racks { get; init; } = [];
    public double Load => Racks.Sum(r => r.Share);
}

[Features]
public class Rack
{
    public long Id { get; init; }
    public long HallId { get; init; }
    public Hall? Hall { get; init; }
    public double Share { get; init; }
    public string Code => Hall is null ? "" : Hall.Load.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A has-many relation with nothing computed from it.</summary>
[Features]
public class Crate
{
    public long Id { get; init; }
    public DataFrame<Bulb> Bulbs { get; init; } = [];
}

[Features]
public class Bulb
{
    public long Id { get; init; }
    public long CrateId { get; init; }
}
