namespace Chalk.Tests.Engine.Logistics;

/// <summary>A depot of a delivery company: its vehicles, the deliveries they made and the incidents reported there
/// (kept in another system, a SQLite file). Every feature is asked for as of each input row's time.</summary>
/// <remarks>
/// The features are grouped by where they run: pushed into DuckDB (some with a child feature's lifted C# resolver
/// inlined, two string orderings through rank tables), in the engine (a child feature a per-row C# resolver computes,
/// children on SQLite), nested (an aggregate over vehicles of an aggregate over each vehicle's deliveries) and per row
/// (a loop). <see cref="LogisticsHandWritten"/> computes every one of them in one DuckDB query.
/// </remarks>
[Features(Name = "depot")]
public class Depot
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public string City { get; init; } = "";
    public DataFrame<Vehicle> Vehicles { get; init; } = [];
    public DataFrame<Delivery> Deliveries { get; init; } = [];
    public DataFrame<Incident> Incidents { get; init; } = [];

    // Over deliveries, pushed down.
    public int DeliveryCount => Deliveries.Count;
    public double TotalDistance => Deliveries.Sum(d => d.DistanceKm);
    public double? AverageWeight => Deliveries.Average(d => (double?)d.WeightKg);
    public double? LongestDelivery => Deliveries.Max(d => (double?)d.DistanceKm);
    public int FailedDeliveries => Deliveries.Count(d => d.Status == "failed");
    public int LateDeliveries => Deliveries.Count(d => d.DeliveredAt > d.PromisedAt);
    public int UndeliveredCount => Deliveries.Count(d => d.DeliveredAt == null);
    public int DistinctPostcodes => Deliveries.Select(d => d.Postcode).Distinct().Count();
    public long HeavyDeliveries => Deliveries.LongCount(d => d.WeightKg > 20);
    public long TotalStops => Deliveries.Sum(d => (long)d.Stops);
    public DateTime? FirstDeliveryAt => Deliveries.Min(d => (DateTime?)d.CreatedAt);
    public double? LatestDeliveryDistance => Deliveries.MaxBy(d => d.CreatedAt)?.DistanceKm;
    public bool AnyReturned => Deliveries.Any(d => d.Status == "returned");

    [Windowed("1d", "7d", "30d")]
    public int RecentDeliveries(Window w) => Deliveries.Count(d => d.CreatedAt >= w.Start);

    [Windowed("7d", "30d")]
    public double RecentDistance(Window w) => Deliveries.Where(d => d.CreatedAt >= w.Start).Sum(d => d.DistanceKm);

    [Windowed("7d", "30d")]
    public int RecentFailures(Window w) => Deliveries.Count(d => d.CreatedAt >= w.Start && d.Status == "failed");

    // Over vehicles, pushed down.
    public int VehicleCount => Vehicles.Count;
    public double TotalCapacity => Vehicles.Sum(v => v.CapacityKg);
    public int VanCount => Vehicles.Count(v => v.Kind == "van");
    public double? NewestVehicleCapacity => Vehicles.MaxBy(v => v.CreatedAt)?.CapacityKg;
    public int VehicleKinds => Vehicles.Select(v => v.Kind).Distinct().Count();

    // Lifted over the aggregates above.
    public double? LateRate => DeliveryCount == 0 ? null : (double)LateDeliveries / DeliveryCount;
    public double DistancePerVehicle => TotalDistance / Math.Max(VehicleCount, 1);

    // Pushed down through rank tables: strings ordered in the culture's order (LINQ's), not by DuckDB's bytes.
    public string? FirstPlate => Vehicles.OrderBy(v => v.Plate).FirstOrDefault()?.Plate;
    public string? LastPostcode => Deliveries.OrderByDescending(d => d.Postcode).FirstOrDefault()?.Postcode;

    // Pushed down with LogisticsResolvers.LateMinutes inlined: it lifts and reads only columns deliveries.chalk.sql selects.
    public double TotalLateMinutes => Deliveries.Sum(d => d.LateMinutes ?? 0);
    public double? WorstLateMinutes => Deliveries.Max(d => d.LateMinutes);
    public int VeryLateDeliveries => Deliveries.Count(d => d.LateMinutes > 120);

    // Not pushed down: a child feature a C# resolver computes per row (a loop, which does not lift).
    public int PlateRegions => Vehicles.Select(v => v.PlateRegion).Distinct().Count();

    // Not pushed down: incidents live in SQLite.
    public int IncidentCount => Incidents.Count;
    public double IncidentCost => Incidents.Sum(i => i.Cost);
    public double? AverageIncidentCost => Incidents.Average(i => (double?)i.Cost);
    public int SevereIncidents => Incidents.Count(i => i.Severity == "high");
    public string? LatestIncidentSeverity => Incidents.MaxBy(i => i.CreatedAt)?.Severity;

    [Windowed("30d")]
    public int RecentIncidents(Window w) => Incidents.Count(i => i.CreatedAt >= w.Start);

    // Nested: over vehicles, of aggregates over each vehicle's deliveries.
    public int? BusiestVehicleDeliveries => Vehicles.Max(v => (int?)v.DeliveryCount);
    public double? AverageVehicleDeliveries => Vehicles.Average(v => (double?)v.DeliveryCount);
    public int VehiclesRunningLate => Vehicles.Count(v => v.LateCount > 0);
    public int IdleVehicles => Vehicles.Count(v => !v.Deliveries.Any());
    public double? LongestVehicleRoute => Vehicles.Max(v => (double?)v.TotalDistance);

    // Per row: loops.
    public string Code
    {
        get
        {
            var initials = "";
            foreach (char c in Name)
            {
                if (c is >= 'A' and <= 'Z') initials += c;
            }
            return initials + "-" + (Id % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public double? VanShare
    {
        get
        {
            int vans = 0, all = 0;
            foreach (var v in Vehicles)
            {
                all++;
                if (v.Kind == "van") vans++;
            }
            return all == 0 ? null : (double)vans / all;
        }
    }
}

/// <summary>A vehicle of a depot; <see cref="CreatedAt"/> is when it was commissioned (invisible before).</summary>
[Features(Name = "vehicle")]
public class Vehicle
{
    [Primary] public long Id { get; init; }
    public long DepotId { get; init; }
    public string Kind { get; init; } = "";
    public double CapacityKg { get; init; }
    public string Plate { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string PlateRegion { get; init; } = "";
    public DataFrame<Delivery> Deliveries { get; init; } = [];

    public int DeliveryCount => Deliveries.Count;
    public double TotalDistance => Deliveries.Sum(d => d.DistanceKm);
    public int LateCount => Deliveries.Count(d => d.DeliveredAt > d.PromisedAt);
}

/// <summary>One delivery, made by a vehicle for its depot; undelivered ones have no <see cref="DeliveredAt"/>.</summary>
[Features(Name = "delivery")]
public class Delivery
{
    [Primary] public long Id { get; init; }
    public long VehicleId { get; init; }
    public long DepotId { get; init; }
    public double DistanceKm { get; init; }
    public double WeightKg { get; init; }
    public int Stops { get; init; }
    public string Status { get; init; } = "";
    public string Postcode { get; init; } = "";
    public DateTime PromisedAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public double? LateMinutes { get; init; }
}

/// <summary>An incident reported at a depot, kept in SQLite.</summary>
[Features(Name = "incident")]
public class Incident
{
    [Primary] public long Id { get; init; }
    public long DepotId { get; init; }
    public string Severity { get; init; } = "";
    public double Cost { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>The child features the SQL files do not select: computed in C#.</summary>
public static class LogisticsResolvers
{
    /// <summary>How late a delivery arrived, in minutes (0 when on time); null when it was not delivered. Lifts.</summary>
    [Resolver(Output = "delivery.late_minutes")]
    public static double? LateMinutes(DateTime? deliveredAt, DateTime promisedAt)
        => deliveredAt is null ? null : Math.Max(0, (deliveredAt.Value - promisedAt).TotalMinutes);

    /// <summary>The letters of a plate before its dash. A loop: runs per row.</summary>
    [Resolver(Output = "vehicle.plate_region")]
    public static string PlateRegion(string plate)
    {
        int end = 0;
        while (end < plate.Length && plate[end] != '-') end++;
        return plate[..end];
    }
}
