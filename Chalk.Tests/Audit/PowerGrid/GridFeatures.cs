namespace Chalk.Tests.Audit.PowerGrid;

// A power grid: substations, the meters wired to them (string keys an operator types by hand: case, trailing
// spaces, accents composed or not, numbers with leading zeros, quotes) and the meters' readings over time.

[Features]
public class GridSubstation
{
    [Primary] public string Id { get; init; } = "";
    public string? Name { get; init; }
    public double? CapacityMw { get; init; }
}

[Features]
public class GridMeter
{
    [Primary] public string Id { get; init; } = "";
    public string? SubstationId { get; init; }
    [HasOne(ForeignKey = nameof(SubstationId))] public GridSubstation? Substation { get; init; }
    public string? Owner { get; init; }
    public double? RatingKw { get; init; }
    public double Risk { get; init; }
    [HasMany(ForeignKey = nameof(GridReading.MeterId))] public DataFrame<GridReading> Readings { get; init; } = [];

    public bool HasSubstation => Substation is not null;
    public string SubstationLabel => Substation?.Name ?? "unassigned";
    public double? SubstationCapacity => Substation?.CapacityMw;
    public long ReadingCount => Readings.Count();
    public double? TotalKwh => Readings.Sum(r => r.Kwh);
    public double? AvgKwh => Readings.Average(r => r.Kwh);
    public double? MaxKwh => Readings.Max(r => r.Kwh);
    public double? MinKwh => Readings.Min(r => r.Kwh);
    public int TotalPulses => Readings.Sum(r => r.Pulses);
    public long TotalPulsesLong => Readings.Sum(r => (long)r.Pulses);
    public double AvgPulses => Readings.Average(r => r.Pulses);
    public double PeakDemand => Readings.Max(r => r.DemandKw);
    public double? LatestKwh => Readings.MaxBy(r => r.Timestamp)?.Kwh;
    public long DistinctKwh => Readings.Select(r => r.Kwh).Distinct().Count();
    public bool AnyHeavy => Readings.Any(r => r.Kwh > 40);
    public double KwPerReading => RatingKw is > 0 ? RatingKw.Value / ReadingCount : throw new ArgumentOutOfRangeException(nameof(RatingKw), "a meter's rating must be positive");

    [Windowed("1d", "7d")]
    public long RecentReadings(Window w) => Readings.Count(r => r.Timestamp >= w.Start);

    [Windowed("1d")]
    public double? RecentKwh(Window w) => Readings.Where(r => r.Timestamp > w.Start).Sum(r => r.Kwh);

    // Not lifted (a loop): the same rules through the per-row fallback.
    public int OwnerDigits
    {
        get
        {
            int n = 0;
            foreach (var c in Owner ?? "") if (char.IsDigit(c)) n++;
            return n;
        }
    }
}

[Features]
public class GridReading
{
    [Primary] public long Id { get; init; }
    public string? MeterId { get; init; }
    public double? Kwh { get; init; }
    public int Pulses { get; init; }
    public double DemandKw { get; init; }
    public DateTime Timestamp { get; init; }
}

public static class GridResolvers
{
    /// <summary>Throws for a meter whose id holds '!' (flagged by the operator).</summary>
    [Resolver(Output = "grid_meter.risk")]
    public static double Risk(string id, double? ratingKw)
    {
        if (id.Contains('!')) throw new InvalidOperationException($"meter {id} is flagged");
        return (ratingKw ?? 0) * 2;
    }
}
