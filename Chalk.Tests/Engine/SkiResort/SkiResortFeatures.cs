namespace Chalk.Tests.Engine.SkiResort;

/// <summary>A skier whose features are LINQ over their lift rides: the aggregates PostgreSQL takes pushed down, and a
/// few it refuses (they run in the engine).</summary>
[Features]
public class Skier
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public DataFrame<Ride> Rides { get; init; } = [];

    public int RideCount => Rides.Count;
    public long NightRides => Rides.LongCount(r => r.Night);
    public int NorthOrPlainRides => Rides.Count(r => r.Lift == "north" || r.Bonus == null);
    public bool HasRides => Rides.Any();
    public bool AnyFast => Rides.Any(r => r.Speed > 80.0);
    public bool AllCalm => Rides.All(r => r.Gust < 50.0);
    public int TotalVertical => Rides.Sum(r => r.Vertical);
    public long TotalLongVertical => Rides.Sum(r => r.LongVertical);
    public int? TotalBonus => Rides.Sum(r => r.Bonus);
    public long NightVertical => Rides.Where(r => r.Night).Sum(r => (long)r.Vertical);
    public double TotalSpeed => Rides.Sum(r => r.Speed);
    public double? TotalGust => Rides.Sum(r => r.Gust);
    public double MaxSpeed => Rides.Max(r => r.Speed);
    public double MinSpeed => Rides.Min(r => r.Speed);
    public double? MaxGust => Rides.Max(r => r.Gust);
    public double? MinGust => Rides.Where(r => !r.Night).Min(r => r.Gust);
    public int MinVertical => Rides.Min(r => r.Vertical);
    public long MaxLongVertical => Rides.Max(r => r.LongVertical);
    public int? MaxBonus => Rides.Max(r => r.Bonus);

    [Windowed("1d", "7d")]
    public long RecentRides(Window w) => Rides.Count(r => r.CreatedAt >= w.Start);

    [Windowed("7d")]
    public int RecentVertical(Window w) => Rides.Where(r => r.CreatedAt > w.Start).Sum(r => r.Vertical);

    // Refused by PostgreSQL, computed in the engine.
    public double AverageSpeed => Rides.Average(r => r.Speed);
    public long DoubledVertical => Rides.Sum(r => (long)r.Vertical * 2);
}

/// <summary>One lift ride; rides after a query's time are invisible to it.</summary>
[Features]
public class Ride
{
    [Primary] public long Id { get; init; }
    public long SkierId { get; init; }
    public int Vertical { get; init; }
    public long LongVertical { get; init; }
    public int? Bonus { get; init; }
    public double Speed { get; init; }
    public double? Gust { get; init; }
    public bool Night { get; init; }
    public string Lift { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}
