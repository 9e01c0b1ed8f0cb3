using static Chalk.Tests.Audit.AuditRows;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Audit.Greenhouse;

/// <summary>A site as stored.</summary>
public sealed record SiteRow(long Id, string? Name, string? Region);

/// <summary>A bay as stored; its site may be null or name no site.</summary>
public sealed record BayRow(long Id, long? SiteId, string? Label, double? AreaM2);

/// <summary>A sensor as stored; its bay may be null or name no bay.</summary>
public sealed record SensorRow(long Id, long? BayId, string? Model, string? Serial, DateTime? InstalledAt);

/// <summary>A reading as stored.</summary>
public sealed record ReadingRow(long Id, long? SensorId, DateTime TakenAt, double? Celsius, double? Humidity, long? RawCounts, int? Lux, string? Note);

/// <summary>The network's rows (hand-picked edge cases and seeded random ones), and the same rows in DuckDB or SQLite.</summary>
public static class GreenhouseData
{
    public static readonly DateTime Now = new(2026, 6, 15, 6, 0, 0, DateTimeKind.Utc);
    public static readonly TimeSpan Micro = TimeSpan.FromTicks(10);
    public static readonly DateTime Last = new(9999, 12, 31, 23, 59, 59, 999, 999, DateTimeKind.Utc);
    public static readonly DateTime First = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);

    public static readonly SiteRow[] Sites =
    [
        new(1, "North House", "north"), new(2, "S\u00fcd", "s\u00fcd"), new(3, "", ""), new(4, null, null), new(5, "Empty", "east"), new(6, "West", null),
    ];

    public static readonly BayRow[] Bays =
    [
        new(10, 1, "A1", 120.5), new(11, null, "B-none", 80), new(12, 99, "C-dangling", null), new(13, 2, "D", 33.3),
        new(14, 3, "", 0), new(15, 4, null, 12.25), new(16, 6, "F", 1e308), new(17, 6, "G", 1e308), new(18, 1, "H", 0.1),
    ];

    public static readonly string?[] Models =
    [
        "gh-temp-1", "GH-TEMP-2", "ghTemp", "\u00e9t\u00e9-sensor", "\u00c9T\u00c9-X", "\u03c3\u03c9-\u03c2", "stra\u00dfe", "\u01c6-dz", "\u0130stanbul",
        "\u0131-dotless", "\U00010428-deseret", "", null, " gh padded ", "\u00adgh-soft", "\ufb01ne-temp", "Temp\u03a3", "gh", "tEmP", "Kelvin\u212a",
    ];

    public static readonly string?[] Serials =
    [
        "AB-12", "A", "", null, "  x-9  ", "\u00a0nb-1\u2003", "\u2028ls\u2029", "\u180emvs", "\u200bzw", "\u0085nel\u0085", "\t-tab\n",
        "ab\0-nul", "\U0001F331-sprout", "x-", "--", "AB-12", "ab", "abc", "\u3000ideo\u3000", "\u00a0",
    ];

    private static SensorRow[] MakeSensors()
    {
        long?[] bays = [10, null, 999, 11, 12, 13, 14, 15, 16, 10, 13, 17, 10, 10, 11, 13, 14, 10, 10, 12];
        var rows = new List<SensorRow>();
        for (int i = 0; i < Models.Length; i++)
        {
            DateTime? installed = i switch { 17 => null, 18 => First, 19 => Last, _ => Now - TimeSpan.FromDays(30 + i) + TimeSpan.FromMinutes(i * 7) };
            rows.Add(new(100 + i, bays[i], Models[i], Serials[i], installed));
        }
        var random = new Random(20260615);
        long?[] randomBays = [10, 11, 12, 13, 14, 15, 16, 17, 18, 999, null];
        for (long id = 120; id < 160; id++)
            rows.Add(new(id, randomBays[random.Next(randomBays.Length)], Models[random.Next(Models.Length)], Serials[random.Next(Serials.Length)],
                random.Next(6) == 0 ? null : Now - TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 90))));
        return rows.ToArray();
    }

    public static readonly double?[] Celsius =
    [
        2.25, 2.35, 0.15, 1.005, -2.25, 2.45, 0.05, -0.05, double.NaN, double.PositiveInfinity, double.NegativeInfinity, null, 30, 30.000000000000004,
        -0.0, 1e300, double.MaxValue, 4503599627370495.5, -0.5, 0.5, 1.5, 2.5, 12.345, 29.999999999999996, 1e16 + 2, 0.1 + 0.2,
    ];

    public static readonly double?[] Humidity = [0.7, 0.70000001, 0.7000001, 1e40, -1e40, double.NaN, null, 3.4028235e38, 1e-46, 0.1, 0.55, 0.9];

    public static readonly long?[] Counts =
    [
        null, 0, 1, 9_007_199_254_740_993, long.MaxValue, long.MinValue, -1, 4_294_967_296, 2_147_483_648, -2_147_483_648, 3_037_000_500, 42, 9_007_199_254_740_992,
    ];

    public static readonly int?[] Luxes = [null, 0, 1, -1, int.MinValue, int.MaxValue, 100, 2, 7];

    public static readonly string?[] Notes = [null, "", "ok", "OK", "ok ", "caf\u00e9", "cafe\u0301", "a,b", "say \"hi\"", "line1\nline2", "\ttab", "null", " lead"];

    // Declared after the value lists they draw from: static fields initialize in order.
    public static readonly SensorRow[] Sensors = MakeSensors();
    public static readonly ReadingRow[] Readings = MakeReadings();

    private static ReadingRow[] MakeReadings()
    {
        var rows = new List<ReadingRow>();
        long id = 1;
        // Every edge value once, on sensors whose chains are whole, broken in the middle, dangling or null.
        long?[] owners = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, null, 5000];
        int n = new[] { Celsius.Length, Humidity.Length, Counts.Length, Luxes.Length, Notes.Length }.Max() * 3;
        for (int i = 0; i < n; i++)
            rows.Add(new(id++, owners[i % owners.Length], Now - TimeSpan.FromMinutes(i * 17 + 3), Celsius[i % Celsius.Length], Humidity[(i * 5) % Humidity.Length],
                Counts[(i * 7) % Counts.Length], Luxes[(i * 4) % Luxes.Length], Notes[i % Notes.Length]));
        // Window boundaries on sensor 100, and readings at the ends of DateTime.
        foreach (var at in new[] { Now, Now + Micro, Now - Micro, Now - TimeSpan.FromHours(1), Now - TimeSpan.FromHours(1) + Micro, Now - TimeSpan.FromHours(1) - Micro,
                     Now - TimeSpan.FromDays(1), Now - TimeSpan.FromDays(1) + Micro, Now - TimeSpan.FromDays(1) - Micro })
            rows.Add(new(id++, 100, at, 31 + rows.Count % 5, 0.5, 10, 1, "edge"));
        rows.Add(new(id++, 105, Last, 40, 0.5, 1, 1, "last"));
        rows.Add(new(id++, 105, First, 41, 0.5, 1, 1, "first"));
        rows.Add(new(id++, 118, First + TimeSpan.FromMinutes(30), -1, 0.5, 1, 1, "early"));
        rows.Add(new(id++, 106, Last - TimeSpan.FromDays(10), 2, 0.5, 1, 1, "late"));
        // Counts whose sum overflows on sensor 113 (each fits), and on 114 a sum that overflows then comes back.
        rows.Add(new(id++, 113, Now - TimeSpan.FromHours(2), 1, 0.5, long.MaxValue - 10, 1, "big"));
        rows.Add(new(id++, 113, Now - TimeSpan.FromHours(3), 1, 0.5, 100, 1, "big"));
        rows.Add(new(id++, 114, Now - TimeSpan.FromHours(2), 1, 0.5, long.MaxValue, 1, "big"));
        rows.Add(new(id++, 114, Now - TimeSpan.FromHours(1), 1, 0.5, 5, 1, "big"));
        rows.Add(new(id++, 114, Now - TimeSpan.FromMinutes(30), 1, 0.5, -10, 1, "big"));
        // Seeded random readings, some after Now.
        var random = new Random(615);
        id = 1000;
        for (int i = 0; i < 700; i++)
        {
            long? sensor = random.Next(30) switch { 0 => null, 1 => 5000, _ => random.Next(100, 160) };
            var at = Now - TimeSpan.FromMinutes(random.Next(-60 * 24, 60 * 24 * 4)) - TimeSpan.FromTicks(random.Next(0, 600_000_000) / 10 * 10);
            double? c = random.Next(12) == 0 ? Celsius[random.Next(Celsius.Length)] : Math.Round(random.NextDouble() * 45 - 5, 2);
            double? h = random.Next(8) == 0 ? Humidity[random.Next(Humidity.Length)] : Math.Round(random.NextDouble(), 3);
            long? counts = random.Next(10) == 0 ? Counts[random.Next(Counts.Length)] : random.Next(0, 100_000);
            int? lux = random.Next(10) == 0 ? Luxes[random.Next(Luxes.Length)] : random.Next(1, 2000);
            rows.Add(new(id++, sensor, at, c, h, counts, lux, Notes[random.Next(Notes.Length)]));
        }
        return rows.ToArray();
    }

    /// <summary>The readings as SQLite holds them: a NaN is NULL there, and -0.0 is 0.</summary>
    public static ReadingRow[] ReadingsIn(bool sqlite) => sqlite
        ? Readings.Select(r => r with { Celsius = Sqlite(r.Celsius), Humidity = Sqlite(r.Humidity) }).ToArray()
        : Readings;

    private static double? Sqlite(double? v) => v is double d ? (double.IsNaN(d) ? null : d + 0.0) : null;

    public static string[] Sql(string source) =>
    [
        $"-- resolves: GhSite\n-- source: {source}\nselect id, name, region from sites where id = ${{gh_site.id}}\n",
        $"-- resolves: GhBay\n-- source: {source}\nselect id, site_id, label, area_m2 from bays\n",
        $"-- resolves: GhSensor\n-- source: {source}\nselect id, bay_id, model, serial, installed_at from sensors\n",
        $"-- resolves: GhReading\n-- source: {source}\nselect id, sensor_id, taken_at, celsius, humidity, raw_counts, lux, note from readings\n",
    ];

    public const string Schema = """
        create table sites(id bigint, name varchar, region varchar);
        create table bays(id bigint, site_id bigint, label varchar, area_m2 double);
        create table sensors(id bigint, bay_id bigint, model varchar, serial varchar, installed_at timestamp);
        create table readings(id bigint, sensor_id bigint, taken_at timestamp, celsius double, humidity double, raw_counts bigint, lux integer, note varchar);
        """;

    /// <summary>A DuckDB database (in memory, or the file <paramref name="dataSource"/>) holding the network.</summary>
    public static async Task<DuckDbSource> DuckDbAsync(string dataSource = ":memory:")
    {
        var source = new DuckDbSource("Data Source=" + dataSource, readOnly: false);
        await source.UseConnectionAsync(c =>
        {
            using (var cmd = c.CreateCommand()) { cmd.CommandText = Schema; cmd.ExecuteNonQuery(); }
            using (var a = c.CreateAppender("sites"))
                foreach (var s in Sites) a.CreateRow().AppendValue((long?)s.Id).AppendValue(Utf8(s.Name)).AppendValue(Utf8(s.Region)).EndRow();
            using (var a = c.CreateAppender("bays"))
                foreach (var b in Bays) a.CreateRow().AppendValue((long?)b.Id).AppendValue(b.SiteId).AppendValue(Utf8(b.Label)).AppendValue(b.AreaM2).EndRow();
            using (var a = c.CreateAppender("sensors"))
                foreach (var s in Sensors)
                    a.CreateRow().AppendValue((long?)s.Id).AppendValue(s.BayId).AppendValue(Utf8(s.Model)).AppendValue(Utf8(s.Serial)).AppendValue(s.InstalledAt).EndRow();
            using (var a = c.CreateAppender("readings"))
                foreach (var r in Readings)
                    a.CreateRow().AppendValue((long?)r.Id).AppendValue(r.SensorId).AppendValue((DateTime?)r.TakenAt).AppendValue(r.Celsius).AppendValue(r.Humidity)
                        .AppendValue(r.RawCounts).AppendValue(r.Lux).AppendValue(Utf8(r.Note)).EndRow();
            return Task.CompletedTask;
        });
        return source;
    }

    /// <summary>A SQLite database file at <paramref name="path"/> holding the network, and a source over it.</summary>
    public static Task<SqliteSource> SqliteAsync(string path) => AuditRows.SqliteAsync(path, Schema, async conn =>
    {
        foreach (var s in Sites) await InsertAsync(conn, "sites", s.Id, s.Name, s.Region);
        foreach (var b in Bays) await InsertAsync(conn, "bays", b.Id, b.SiteId, b.Label, b.AreaM2);
        foreach (var s in Sensors) await InsertAsync(conn, "sensors", s.Id, s.BayId, s.Model, s.Serial, Text(s.InstalledAt));
        foreach (var r in ReadingsIn(sqlite: true))
            await InsertAsync(conn, "readings", r.Id, r.SensorId, Text(r.TakenAt), r.Celsius, r.Humidity, r.RawCounts, r.Lux, r.Note);
    });
}
