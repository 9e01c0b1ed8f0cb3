namespace Chalk.Tests.Engine.Logistics.Nested;

/// <summary>A parcel hub whose features aggregate its couriers by aggregates over each courier's parcels, items and
/// scans: nested aggregates of every kind the engine computes in two (or three) vectorized levels.</summary>
[Features(Name = "hub")]
public class Hub
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public DataFrame<Courier> Couriers { get; init; } = [];

    public int CourierCount => Couriers.Count;
    public int? MostParcels => Couriers.Max(c => (int?)c.Parcels.Count());
    public double? HeaviestAverage => Couriers.Max(c => c.Parcels.Average(p => (double?)p.WeightKg));

    // A courier without parcels fails Average, so the hub fails wherever Max reaches one; a hub without couriers fails Max.
    public double StrictAverageMax => Couriers.Max(c => c.Parcels.Average(p => p.WeightKg));

    // Any stops at the first passing courier: a failing courier after it does not fail the hub.
    public bool AnyHeavyCourier => Couriers.Any(c => c.Parcels.Average(p => p.WeightKg) > 10);

    public int FragileCouriers => Couriers.Count(c => c.Parcels.Any(p => p.Fragile));
    public string? BusiestCourier => Couriers.MaxBy(c => c.Parcels.Count())?.Name;
    public long TotalStops => Couriers.Sum(c => c.Parcels.Sum(p => (long)p.Stops));
    public int BusyActiveCouriers => Couriers.Count(c => c.Active && c.Parcels.Count() > 3);
    public string? FirstIdleCourier => Couriers.Where(c => !c.Parcels.Any()).Select(c => c.Name).FirstOrDefault();

    // Three levels: per parcel its items, per courier the sum of those, per hub the largest.
    public int? MostItems => Couriers.Max(c => (int?)c.Parcels.Sum(p => p.Items.Count()));

    // The inner aggregates read scans from SQLite: computed in the engine per courier.
    public int WellScanned => Couriers.Count(c => c.Scans.Count(s => s.Ok) >= 2);
    public int? ActiveMaxScans => Couriers.Where(c => c.Active).Max(c => (int?)c.Scans.Count());

    [Windowed("7d")]
    public int RecentlyActive(Window w) => Couriers.Count(c => c.Parcels.Count(p => p.CreatedAt >= w.Start) > 0);
}

/// <summary>A courier of a hub, visible from when it joined.</summary>
[Features(Name = "courier")]
public class Courier
{
    [Primary] public long Id { get; init; }
    public long HubId { get; init; }
    public string Name { get; init; } = "";
    public bool Active { get; init; }
    public DateTime CreatedAt { get; init; }
    public DataFrame<Parcel> Parcels { get; init; } = [];
    public DataFrame<Scan> Scans { get; init; } = [];
}

/// <summary>A parcel a courier carried.</summary>
[Features(Name = "parcel")]
public class Parcel
{
    [Primary] public long Id { get; init; }
    public long CourierId { get; init; }
    public double WeightKg { get; init; }
    public int Stops { get; init; }
    public bool Fragile { get; init; }
    public DateTime CreatedAt { get; init; }
    public DataFrame<Item> Items { get; init; } = [];
}

/// <summary>An item in a parcel; items have no time, so they are always visible.</summary>
[Features(Name = "item")]
public class Item
{
    [Primary] public long Id { get; init; }
    public long ParcelId { get; init; }
    public double Price { get; init; }
}

/// <summary>A scan of a courier's handheld, kept in SQLite; a scan without a time is never visible.</summary>
[Features(Name = "scan")]
public class Scan
{
    [Primary] public long Id { get; init; }
    public long CourierId { get; init; }
    public bool Ok { get; init; }
    public DateTime? CreatedAt { get; init; }
}
