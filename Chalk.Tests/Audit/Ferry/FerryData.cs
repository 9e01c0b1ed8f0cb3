using System.Globalization;
using Chalk.Sql.Sources;
using Chalk.Store;
using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>A vessel as stored.</summary>
public sealed record VesselRow(string Id, string? Name, double? TonnageKt, long? Capacity);

/// <summary>A sailing as stored.</summary>
public sealed record SailingRow(long Id, string? VesselId, DateTime DepartsAt, string? Route);

/// <summary>A ticket as stored.</summary>
public sealed record TicketRow(int Id, long SailingId, double Price, string? Passenger, DateTimeOffset BookedAt);

/// <summary>The ferry company's rows, loaded into a SQLite file, and the engines over it.</summary>
public static class FerryData
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A sailing id past 2^53, which a JSON reader that parses numbers as doubles would change.</summary>
    public const long BigSailing = 9_007_199_254_740_993;

    // Keys typed by hand: case, a trailing space, a prefix of another, the store's own separators, empty, digits.
    public static readonly VesselRow[] Vessels =
    [
        new("MV-1", "Aurora", 12.5, 800), new("mv-1", "lower", null, null), new("MV-1 ", "trailing", 3, 100),
        new("MV-10", "Ten", 10, 1000), new("a|s:b", "pipe", 1, 1), new("a", "just a", 2, 2), new("", "empty", 0, 0),
        new("7", "seven", 7, 7), new("i:7", "tagged", 8, 8),
    ];

    public static readonly SailingRow[] Sailings =
    [
        new(1, "MV-1", new DateTime(2026, 6, 1, 9, 30, 0), "Oslo, Kiel"),
        new(2, "mv-1", new DateTime(1969, 12, 31, 23, 59, 59), "say \"hi\""),
        new(3, "MV-1 ", new DateTime(2026, 6, 2, 0, 0, 0), "line1\nline2"),
        new(4, "ghost", new DateTime(2026, 6, 3, 0, 0, 0), ""),
        new(5, "7", new DateTime(2026, 6, 4, 0, 0, 0), null),
        new(BigSailing, "i:7", new DateTime(2026, 6, 5, 0, 0, 0), "storm"),
    ];

    public static readonly TicketRow[] Tickets =
    [
        new(1, 1, 100, "Ada", new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero)),
        new(2, 1, 50.5, "Bo", new DateTimeOffset(2026, 5, 2, 10, 0, 0, TimeSpan.Zero)),
        new(3, 2, 20, null, new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        new(4, 3, 0.1, "Cy, Jr.", new DateTimeOffset(2026, 5, 3, 0, 0, 0, TimeSpan.Zero)),
        new(5, 5, 7, "", new DateTimeOffset(2026, 5, 4, 0, 0, 0, TimeSpan.Zero)),
        new(6, BigSailing, 1e-7, "Dee", new DateTimeOffset(2026, 5, 5, 0, 0, 0, TimeSpan.Zero)),
        new(7, 404, 9, "Lost", new DateTimeOffset(2026, 5, 6, 0, 0, 0, TimeSpan.Zero)),
    ];

    public static readonly string[] Sql =
    [
        "-- resolves: FerryVessel\n-- source: ferry\nselect id, name, tonnage_kt, capacity from vessels\n",
        "-- resolves: FerrySailing\n-- source: ferry\nselect id, vessel_id, departs_at, route from sailings\n",
        "-- resolves: FerryTicket\n-- source: ferry\nselect id, sailing_id, price, passenger, booked_at from tickets\n",
    ];

    /// <summary>A new SQLite file holding the rows.</summary>
    public static async Task<ScratchSqlite> CreateAsync()
    {
        var db = new ScratchSqlite("chalk-ferry");
        await db.ExecuteAsync(Script());
        return db;
    }

    private static string Script()
    {
        var sql = new System.Text.StringBuilder("""
            create table vessels(id text primary key, name text, tonnage_kt real, capacity integer);
            create table sailings(id integer primary key, vessel_id text, departs_at timestamp, route text);
            create table tickets(id integer primary key, sailing_id integer, price real, passenger text, booked_at timestamp);

            """);
        foreach (var v in Vessels) sql.AppendLine($"insert into vessels values ({Text(v.Id)}, {Text(v.Name)}, {Number(v.TonnageKt)}, {Number(v.Capacity)});");
        foreach (var s in Sailings) sql.AppendLine($"insert into sailings values ({s.Id}, {Text(s.VesselId)}, {Text(s.DepartsAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}, {Text(s.Route)});");
        foreach (var t in Tickets)
            sql.AppendLine($"insert into tickets values ({t.Id}, {t.SailingId}, {Number(t.Price)}, {Text(t.Passenger)}, {Text(t.BookedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))});");
        return sql.ToString();
    }

    // Test data only, written by this file: quoting by doubling is enough for SQLite literals.
    private static string Text(string? s) => s is null ? "null" : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Number(double? d) => d is null ? "null" : d.Value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(long? l) => l is null ? "null" : l.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An engine over <paramref name="db"/> with <paramref name="store"/> (kept by the caller) and <paramref name="port"/> as the port's service.</summary>
    public static ChalkEngine Engine(ScratchSqlite db, IOnlineStore? store, TimeProvider clock, PortAuthority? port = null, bool lifting = true)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(FerryVessel), typeof(FerrySailing), typeof(FerryTicket), typeof(FerryResolvers))
            .AddSource("ferry", new SqliteSource(db.ConnectionString))
            .WithTimeProvider(clock)
            .WithServices(new PortServices(port ?? new PortAuthority()));
        for (int i = 0; i < Sql.Length; i++) builder.AddSqlResolver($"ferry{i}.chalk.sql", Sql[i]);
        builder = store is null ? builder.WithoutOnlineStore() : builder.WithOnlineStore(store, disposeWithEngine: false);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    /// <summary>A clock at <see cref="Now"/>.</summary>
    public static ManualClock Clock() => new(Now);

    // The oracle: plain C# over the rows.
    public static VesselRow? Vessel(string id) => Vessels.FirstOrDefault(v => string.Equals(v.Id, id, StringComparison.Ordinal));

    public static double Revenue(long sailing) => Tickets.Where(t => t.SailingId == sailing).Sum(t => t.Price);

    public static long TicketCount(long sailing) => Tickets.Count(t => t.SailingId == sailing);

    public static long SailingCount(string vessel) => Sailings.Count(s => string.Equals(s.VesselId, vessel, StringComparison.Ordinal));

    /// <summary>The port's berth for a route: what <see cref="PortAuthority"/> answers.</summary>
    public static string BerthOf(string? route) => "B-" + (route ?? "").Length.ToString(CultureInfo.InvariantCulture);

    private sealed class PortServices(PortAuthority port) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(Microsoft.Extensions.AI.IChatClient) ? port : null;
    }
}
