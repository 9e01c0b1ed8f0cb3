using Chalk;

namespace Chalk.Tests.Engine.Diagnostics;

// A bike share: stations with docks, and the rides that start at them. Stations and rides live in DuckDB; a station's
// forecast comes from a weather service (an external call, served by the container in the DI tests).

[Features]
public class Station
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public long Docks { get; init; }
    public DataFrame<Ride> Rides { get; init; } = [];
    public string? Forecast { get; init; }

    // An aggregate over the has-many rides: pushed down into DuckDB, and kept in the online store for an hour.
    [MaxStaleness("1h")] public long RideCount => Rides.Count;

    // Lifted; a station without docks is a row error.
    public double DockShare => Docks == 0 ? throw new InvalidOperationException("a station without docks has no share") : 100.0 / Docks;

    // Not lifted (a loop): runs per row; an empty name is a row error (no first letter).
    public string Initials
    {
        get
        {
            var initials = "";
            foreach (var word in Name.Split(' ')) initials += word[0];
            return initials;
        }
    }

    [Windowed("1d")]
    public long RecentRides(Window w) => Rides.Count(r => r.StartedAt >= w.Start);
}

[Features]
public class Ride
{
    [Primary] public long Id { get; init; }
    public long StationId { get; init; }
    public double Minutes { get; init; }
    public DateTime StartedAt { get; init; }
}

public static class StationResolvers
{
    [Resolver(Output = "station.forecast", Retries = 0, Timeout = "5s")]
    public static async Task<string?> Forecast(string name, IWeather weather, CancellationToken cancellationToken)
        => await weather.ForecastAsync(name, cancellationToken);
}

/// <summary>The service the forecast resolver needs.</summary>
public interface IWeather
{
    Task<string> ForecastAsync(string place, CancellationToken cancellationToken);
}

/// <summary>A weather service with one answer, counting its calls.</summary>
public sealed class SunnyWeather : IWeather
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<string> ForecastAsync(string place, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult("sunny over " + place);
    }
}
