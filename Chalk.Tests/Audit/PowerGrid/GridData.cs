using static Chalk.Tests.Audit.AuditRows;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Audit.PowerGrid;

/// <summary>A substation as stored.</summary>
public sealed record SubstationRow(string Id, string? Name, double? CapacityMw);

/// <summary>A meter as stored.</summary>
public sealed record MeterRow(string Id, string? SubstationId, string? Owner, double? RatingKw);

/// <summary>A reading as stored; a null time is a reading never visible.</summary>
public sealed record ReadingRow(long Id, string? MeterId, double? Kwh, int Pulses, double DemandKw, DateTime? At);

/// <summary>The grid's rows, and the same rows loaded into DuckDB or SQLite.</summary>
public static class GridData
{
    public static readonly DateTime Now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly TimeSpan Micro = TimeSpan.FromTicks(10);
    public const string Nfc = "Caf\u00e9";
    public const string Nfd = "Cafe\u0301";
    public const string QuotedSubstation = "x'; drop table substations; --";
    public const string QuotedMeter = "o'brien\"; drop table meters; --";

    public static readonly SubstationRow[] Substations =
    [
        new("S-1", "North", 120), new("s-1", "lower", null), new("S-1 ", "trailing", 5.5), new(Nfc, "nfc", 1),
        new(Nfd, "nfd", 2), new("007", "bond", 7), new("7", "seven", null), new(QuotedSubstation, "quoted", 3),
    ];

    public static readonly MeterRow[] Meters =
    [
        new("M-001", "S-1", "Ada 1", 10), new("m-001", "s-1", "ada", null), new("M-001 ", "S-1 ", "Ada 22", 3.5),
        new(Nfc, Nfc, "nfc 1", 1), new(Nfd, Nfd, "nfd 22", 2), new("007", "7", "Bond 007", 7), new("7", "007", null, null),
        new(QuotedMeter, QuotedSubstation, "O'Brien", 4), new("", "S-1", "empty key", 0), new("M!bad", "S-1", "flagged", 1),
        new("ghost", "S-404", "ghost", 1), new("orphan", null, "no sub 9", 1), new("quiet", "S-1", "quiet", 1),
        new("allnull", "S-1", "allnull", 1), new("overflow", "S-1", "of", 1), new("nan", "s-1", "nan", 1),
        new("future", "S-1", "future", 1), new("S-1", "S-1", "meter named like a substation", 1),
        new("M\0-001", "S-1", "nul 1", 1), new("M-\U0001F600", "S-1", "emoji", 1), new("M-0\u0301", "S-1", "combining", 1),
    ];

    public static readonly ReadingRow[] Readings =
    [
        new(1, "M-001", 1.5, 10, 3, Now - TimeSpan.FromDays(1)), new(2, "M-001", 2.5, 20, 4, Now - TimeSpan.FromDays(1) - Micro),
        new(3, "M-001", null, 5, 2, Now), new(4, "M-001", 100, 1, 9, Now + Micro), new(5, "M-001", 0.25, 3, 1, Now - TimeSpan.FromDays(7)),
        new(6, "M-001", 1.5, 1, 1, Now - TimeSpan.FromDays(7) - Micro), new(35, "M-001", 999, 1, 1, null),
        new(10, "m-001", 50, 1, 1, Now - TimeSpan.FromHours(2)), new(11, "M-001 ", 60, 2, 2, Now - TimeSpan.FromHours(3)),
        new(12, "M-001 ", 61, 2, 2, Now - TimeSpan.FromDays(2)), new(13, Nfc, 1, 1, 1, Now - TimeSpan.FromHours(1)),
        new(14, Nfd, 2, 1, 1, Now - TimeSpan.FromHours(1)), new(15, Nfd, 3, 1, 1, Now - TimeSpan.FromHours(5)),
        new(16, "007", 7, 7, 7, Now - TimeSpan.FromHours(1)), new(17, "7", 70, 1, 1, Now - TimeSpan.FromHours(1)),
        new(18, "7", 71, 1, 1, Now - TimeSpan.FromDays(3)), new(19, QuotedMeter, 5, 1, 1, Now - TimeSpan.FromHours(1)),
        new(20, "", 8, 1, 1, Now - TimeSpan.FromHours(1)), new(21, "M!bad", 1, 1, 1, Now - TimeSpan.FromHours(1)),
        new(22, "ghost", 1, 1, 1, Now - TimeSpan.FromHours(1)), new(23, "orphan", 2, 1, 1, Now - TimeSpan.FromHours(1)),
        new(24, "allnull", null, 1, 1, Now - TimeSpan.FromHours(1)), new(25, "allnull", null, 2, 2, Now - TimeSpan.FromHours(2)),
        new(26, "overflow", 1, int.MaxValue, 1, Now - TimeSpan.FromHours(3)), new(27, "overflow", 1, 1, 1, Now - TimeSpan.FromHours(2)),
        new(28, "overflow", 1, -1, 1, Now - TimeSpan.FromHours(1)), new(29, "nan", double.NaN, 1, double.NaN, Now - TimeSpan.FromHours(3)),
        new(30, "nan", double.PositiveInfinity, 1, double.NegativeInfinity, Now - TimeSpan.FromHours(2)),
        new(31, "nan", 1, 1, double.PositiveInfinity, Now - TimeSpan.FromHours(1)), new(32, "future", 5, 1, 1, Now + TimeSpan.FromDays(1)),
        new(33, null, 9, 1, 1, Now - TimeSpan.FromHours(1)), new(34, "M-002", 9, 1, 1, Now - TimeSpan.FromHours(1)),
        new(38, "M\0-001", 11, 1, 1, Now - TimeSpan.FromHours(1)), new(39, "M-\U0001F600", 12, 1, 1, Now - TimeSpan.FromHours(1)),
        new(40, "M-0\u0301", 13, 1, 1, Now - TimeSpan.FromHours(1)), new(41, "M", 14, 1, 1, Now - TimeSpan.FromHours(1)),
        new(36, "S-1", -0.0, 1, 0, Now - TimeSpan.FromHours(1)), new(37, "S-1", 0.0, 1, -0.0, Now - TimeSpan.FromHours(2)),
    ];

    /// <summary>The readings as SQLite holds them: SQLite stores a NaN as NULL (the non-null demand becomes 0.5 instead)
    /// and -0.0 as 0.</summary>
    public static ReadingRow[] ReadingsIn(bool sqlite) => sqlite
        ? Readings.Select(r => r with { Kwh = r.Kwh is double k ? (double.IsNaN(k) ? null : k + 0.0) : null, DemandKw = double.IsNaN(r.DemandKw) ? 0.5 : r.DemandKw + 0.0 }).ToArray()
        : Readings;

    public static string[] Sql(string source) =>
    [
        $"-- resolves: GridSubstation\n-- source: {source}\nselect id, name, capacity_mw from substations where id = ${{grid_substation.id}}\n",
        $"-- resolves: GridMeter\n-- source: {source}\nselect id, substation_id, owner, rating_kw from meters\n",
        $"-- resolves: GridReading\n-- source: {source}\nselect id, meter_id, kwh, pulses, demand_kw, timestamp from readings\n",
    ];

    private const string Schema = """
        create table substations(id varchar, name varchar, capacity_mw double);
        create table meters(id varchar, substation_id varchar, owner varchar, rating_kw double);
        create table readings(id bigint, meter_id varchar, kwh double, pulses integer, demand_kw double, timestamp timestamp);
        """;

    /// <summary>A DuckDB database in memory holding the grid.</summary>
    public static async Task<DuckDbSource> DuckDbAsync()
    {
        var source = new DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c =>
        {
            using (var cmd = c.CreateCommand()) { cmd.CommandText = Schema; cmd.ExecuteNonQuery(); }
            using (var a = c.CreateAppender("substations"))
                foreach (var s in Substations) a.CreateRow().AppendValue(Utf8(s.Id)).AppendValue(Utf8(s.Name)).AppendValue(s.CapacityMw).EndRow();
            using (var a = c.CreateAppender("meters"))
                foreach (var m in Meters) a.CreateRow().AppendValue(Utf8(m.Id)).AppendValue(Utf8(m.SubstationId)).AppendValue(Utf8(m.Owner)).AppendValue(m.RatingKw).EndRow();
            using (var a = c.CreateAppender("readings"))
                foreach (var r in Readings)
                    a.CreateRow().AppendValue((long?)r.Id).AppendValue(Utf8(r.MeterId)).AppendValue(r.Kwh).AppendValue((int?)r.Pulses)
                        .AppendValue((double?)r.DemandKw).AppendValue(r.At).EndRow();
            return Task.CompletedTask;
        });
        return source;
    }

    /// <summary>A SQLite database file at <paramref name="path"/> holding the grid, and a source over it.</summary>
    public static Task<SqliteSource> SqliteAsync(string path) => AuditRows.SqliteAsync(path, Schema, async conn =>
    {
        foreach (var s in Substations) await InsertAsync(conn, "substations", s.Id, s.Name, s.CapacityMw);
        foreach (var m in Meters) await InsertAsync(conn, "meters", m.Id, m.SubstationId, m.Owner, m.RatingKw);
        foreach (var r in ReadingsIn(sqlite: true))
            await InsertAsync(conn, "readings", r.Id, r.MeterId, r.Kwh, r.Pulses, r.DemandKw, AuditRows.Text(r.At));
    });
}
