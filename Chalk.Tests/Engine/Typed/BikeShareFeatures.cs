namespace Chalk.Tests.Engine.Typed;

// A bike-share scheme: riders take rides from docks in cities. Rides, docks and riders live in DuckDB, cities in SQLite.
// The classes cover every shape a typed reference or a typed query meets: a [Features(Name)] and a [Feature] override,
// has-one hops (two deep), has-many relations with windows, computed properties over has-one relations and over
// has-many ones, a resolver that fails for some rows, and every scalar type.

[Features(Name = "dock")]
public class BikeDock
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public int Capacity { get; init; }
    public long CityId { get; init; }
    public BikeCity? City { get; init; }
    [HasMany(ForeignKey = nameof(BikeRide.StartDockId))] public DataFrame<BikeRide> Departures { get; init; } = [];

    public long DepartureCount => Departures.Count;
    [Windowed("1d", "7d")]
    public long RecentDepartures(Window w) => Departures.Count(r => r.StartedAt >= w.Start);
    public string Label => Name + ", " + (City == null ? "nowhere" : City.Name);
}

[Features]
public class BikeCity
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public string? Country { get; init; }
}

[Features]
public class Rider
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    [Feature("tier")] public string MembershipTier { get; init; } = "";
    public int? BirthYear { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
    public float Rating { get; init; }
    public bool Verified { get; init; }
    public DataFrame<BikeRide> Rides { get; init; } = [];
    [Ignore] public string Scratch { get; set; } = "";

    public double TotalMinutes => Rides.Sum(r => r.Minutes);
    public bool IsMember => MembershipTier != "casual";
    public string Greeting => "Hi " + Name;
}

[Features]
public class BikeRide
{
    [Primary] public long Id { get; init; }
    public long? RiderId { get; init; }
    public Rider? Rider { get; init; }
    public long StartDockId { get; init; }
    [HasOne(ForeignKey = nameof(StartDockId))] public BikeDock? StartDock { get; init; }
    public double Minutes { get; init; }
    [FeatureTime] public DateTime StartedAt { get; init; }
    public double Fare { get; init; }
    public double? Surcharge { get; init; }

    public bool IsLong => Minutes > 30;
    public string RiderGreeting => Rider == null ? "nobody" : Rider.Greeting;
}

public static class BikeResolvers
{
    [Resolver(Output = "bike_ride.fare")]
    public static double Fare(double minutes, [Feature("bike_ride.rider.tier")] string? tier) => tier == "casual" ? 1.0 + 0.25 * minutes : 0.1 * minutes;

    // Fails for rides over five hours: an error of that row, never a value.
    [Resolver(Output = "bike_ride.surcharge")]
    public static double? Surcharge(double minutes)
        => minutes > 300 ? throw new InvalidOperationException("a ride over five hours needs a manual surcharge") : minutes > 60 ? 2.5 : null;
}
