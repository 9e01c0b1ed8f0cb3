namespace Chalk.Tests.Sql.Sources.Held;

// Lighthouses (text codes in a case-insensitive column) have keepers, who write logbook entries over time; each keeper
// serves at one lighthouse (a has-one back). Every shape of keyed read: a lookup by text and by integer, has-many
// fetches by text and by integer, aggregates of a few keys fetched and aggregated in the engine, and windows.

[Features]
public class Lighthouse
{
    [Primary] public string Code { get; init; } = "";
    public string? Name { get; init; }
    public double? HeightM { get; init; }
    public bool? Automated { get; init; }
    public DateTime? LitAt { get; init; }
    public float? Range { get; init; }
    public int? Lamps { get; init; }
    [HasMany(ForeignKey = nameof(Keeper.LighthouseCode))] public DataFrame<Keeper> Keepers { get; init; } = [];

    public long KeeperCount => Keepers.Count();
    public int TotalShifts => Keepers.Sum(k => k.Shifts);
    public string? FirstKeeper => Keepers.Min(k => k.Name);
    public long LogEntries => Keepers.Sum(k => k.Entries.Count());
    public double? StrongestWind => Keepers.Max(k => k.Entries.Max(e => e.Wind));

    [Windowed("1d", "30d")]
    public long RecentKeepers(Window w) => Keepers.Count(k => k.JoinedAt >= w.Start);
}

[Features]
public class Keeper
{
    [Primary] public long Id { get; init; }
    public string? LighthouseCode { get; init; }
    [HasOne(ForeignKey = nameof(LighthouseCode))] public Lighthouse? Lighthouse { get; init; }
    public string? Name { get; init; }
    public int Shifts { get; init; }
    [FeatureTime] public DateTime JoinedAt { get; init; }
    [HasMany(ForeignKey = nameof(LogEntry.KeeperId))] public DataFrame<LogEntry> Entries { get; init; } = [];

    public long EntryCount => Entries.Count();
    public double? CalmestWind => Entries.Min(e => e.Wind);
    public string? LastNote => Entries.MaxBy(e => e.WrittenAt)?.Note;
    public string? LighthouseName => Lighthouse?.Name;
}

[Features]
public class LogEntry
{
    [Primary] public long Id { get; init; }
    public long KeeperId { get; init; }
    [FeatureTime] public DateTime WrittenAt { get; init; }
    public double? Wind { get; init; }
    public string? Note { get; init; }
}
