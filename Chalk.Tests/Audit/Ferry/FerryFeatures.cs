using Microsoft.Extensions.AI;

namespace Chalk.Tests.Audit.Ferry;

// A ferry company: vessels (string keys typed by hand), sailings (long keys) and tickets (int keys), with a port
// authority's service that names each sailing's berth, called per row or in batches.

[Features]
[MaxStaleness("1h")]
public class FerryVessel
{
    [Primary] public string Id { get; init; } = "";
    public string? Name { get; init; }
    public double? TonnageKt { get; init; }
    [MaxStaleness("10m")] public long? Capacity { get; init; }
    [HasMany(ForeignKey = nameof(FerrySailing.VesselId))] public DataFrame<FerrySailing> Sailings { get; init; } = [];
    public long SailingCount => Sailings.Count();
}

[Features]
public class FerrySailing
{
    [Primary] public long Id { get; init; }
    [MaxStaleness("infinity")] public string? VesselId { get; init; }
    [HasOne(ForeignKey = nameof(VesselId))] public FerryVessel? Vessel { get; init; }
    public DateTime DepartsAt { get; init; }
    public string? Route { get; init; }
    [HasMany(ForeignKey = nameof(FerryTicket.SailingId))] public DataFrame<FerryTicket> Tickets { get; init; } = [];
    [MaxStaleness("1h")] public double Revenue => Tickets.Sum(t => t.Price);
    [MaxStaleness("1h")] public long TicketCount => Tickets.Count();
    [Windowed("1d")] public long RecentTickets(Window w) => Tickets.Count(t => t.BookedAt >= w.Start);
    [MaxStaleness("1d")] public string? Berth { get; init; }
    public string? BerthBatch { get; init; }
}

[Features]
public class FerryTicket
{
    [Primary] public int Id { get; init; }
    [MaxStaleness("infinity")] public long SailingId { get; init; }
    [HasOne(ForeignKey = nameof(SailingId))] public FerrySailing? Sailing { get; init; }
    public double Price { get; init; }
    public string? Passenger { get; init; }
    public DateTimeOffset BookedAt { get; init; }
    [MaxStaleness("1h")] public double PriceWithFee => Price * 1.05;
}

public static class FerryResolvers
{
    // The port authority's berth for a route, asked per row, cached for a day.
    [Resolver(Output = "ferry_sailing.berth", Timeout = "2s", MaxConcurrency = 2, Retries = 1, CacheFor = "1d")]
    public static async Task<string?> Berth(string? route, IChatClient port, CancellationToken cancellationToken)
        => (await port.GetResponseAsync($"berth for {route}", cancellationToken: cancellationToken)).Text;

    // The same service asked for up to three routes at once, one line per route.
    [Resolver(Output = "ferry_sailing.berth_batch", MaxBatchSize = 3, Retries = 0)]
    public static async Task<IReadOnlyList<string?>> BerthBatch(IReadOnlyList<string?> route, IChatClient port, CancellationToken cancellationToken)
        => (await port.GetResponseAsync("berths for\n" + string.Join("\n", route), cancellationToken: cancellationToken)).Text.Split('\n');
}
