namespace Chalk.Tests.LiftingAssets.Aggregates;

/// <summary>Aggregates over rows of an aggregate over each row's own relation (nested), and the shapes that still do not lift.</summary>
public class Fleet
{
    public double Threshold { get; init; }

    public IReadOnlyList<Truck> Trucks { get; init; } = [];

    public int MostTrips => Trucks.Max(t => t.Trips.Count());

    public int BusyActiveTrucks => Trucks.Count(t => t.Active && t.Trips.Sum(x => x.Km) > 100);

    // The inner lambda captures only the window, so the compiler caches it in the closure (a delegate field).
    public int RecentlyUsed(Window w) => Trucks.Count(t => t.Trips.Count(x => x.StartedAt >= w.Start) > 0);

    public int CorrelatedInner => Trucks.Count(t => t.Trips.Count(x => x.Km > t.RangeKm) > 0);

    public int ParentRelationInLambda => Trucks.Count(t => t.Trips.Count() < Trucks.Count());
}

public class Truck
{
    public int Id { get; init; }

    public bool Active { get; init; }

    public double RangeKm { get; init; }

    public IReadOnlyList<Trip> Trips { get; init; } = [];
}

public class Trip
{
    public int Id { get; init; }

    public double Km { get; init; }

    public DateTime StartedAt { get; init; }
}
