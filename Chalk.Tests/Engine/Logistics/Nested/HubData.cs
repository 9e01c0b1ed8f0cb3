using System.Globalization;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Logistics.Nested;

/// <summary>Deterministic random hubs, couriers, parcels and items in DuckDB and scans in SQLite, kept as objects too so
/// plain C# can compute every <see cref="Hub"/> feature over the rows visible at a time.</summary>
/// <remarks>
/// Hubs 1–40 have couriers, 41–45 none; couriers 111–120 have no parcels and many have some only later; a few parcels
/// weigh NaN; a tenth of the scans have no time.
/// </remarks>
internal sealed class HubData
{
    public static readonly DateTime Epoch = new(2026, 3, 1);

    public List<Courier> Couriers { get; } = [];
    public List<Parcel> Parcels { get; } = [];
    public List<Item> Items { get; } = [];
    public List<Scan> Scans { get; } = [];
    public int HubCount => 45;

    public static HubData Generate(int seed)
    {
        var rnd = new Random(seed);
        var data = new HubData();
        string[] names = ["Ana", "Bo", "Cy", "Di", "Ed", "Ana"];
        for (int i = 1; i <= 120; i++)
            data.Couriers.Add(new Courier { Id = i, HubId = 1 + rnd.Next(40), Name = names[rnd.Next(names.Length)], Active = rnd.Next(3) > 0, CreatedAt = Epoch.AddHours(rnd.Next(30 * 24)) });
        for (int i = 1; i <= 1500; i++)
        {
            data.Parcels.Add(new Parcel
            {
                Id = i,
                CourierId = 1 + rnd.Next(110),
                WeightKg = rnd.Next(60) == 0 ? double.NaN : Math.Round(rnd.NextDouble() * 20, 2),
                Stops = rnd.Next(1, 9),
                Fragile = rnd.Next(15) == 0,
                CreatedAt = Epoch.AddHours(rnd.Next(60 * 24)),
            });
        }
        for (int i = 1; i <= 3000; i++) data.Items.Add(new Item { Id = i, ParcelId = 1 + rnd.Next(1400), Price = rnd.Next(100) });
        for (int i = 1; i <= 700; i++)
            data.Scans.Add(new Scan { Id = i, CourierId = 1 + rnd.Next(120), Ok = rnd.Next(4) > 0, CreatedAt = rnd.Next(10) == 0 ? null : Epoch.AddHours(rnd.Next(60 * 24)) });
        return data;
    }

    /// <summary>Hub <paramref name="id"/> as plain C# objects holding the rows visible at <paramref name="asOf"/>, in key order; null when it does not exist.</summary>
    public Hub? At(long id, DateTime asOf)
    {
        if (id < 1 || id > HubCount) return null;
        return new Hub
        {
            Id = id,
            Name = $"hub {id}",
            Couriers = new DataFrame<Courier>(Couriers.Where(c => c.HubId == id && c.CreatedAt <= asOf).OrderBy(c => c.Id).Select(c => new Courier
            {
                Id = c.Id,
                HubId = c.HubId,
                Name = c.Name,
                Active = c.Active,
                CreatedAt = c.CreatedAt,
                Scans = new DataFrame<Scan>(Scans.Where(s => s.CourierId == c.Id && s.CreatedAt <= asOf).OrderBy(s => s.Id)),
                Parcels = new DataFrame<Parcel>(Parcels.Where(p => p.CourierId == c.Id && p.CreatedAt <= asOf).OrderBy(p => p.Id).Select(p => new Parcel
                {
                    Id = p.Id,
                    CourierId = p.CourierId,
                    WeightKg = p.WeightKg,
                    Stops = p.Stops,
                    Fragile = p.Fragile,
                    CreatedAt = p.CreatedAt,
                    Items = new DataFrame<Item>(Items.Where(i => i.ParcelId == p.Id).OrderBy(i => i.Id)),
                })),
            })),
        };
    }

    public async Task LoadAsync(DuckDbSource duck, ScratchSqlite sqlite)
    {
        static string D(double v) => double.IsNaN(v) ? "'NaN'::DOUBLE" : v.ToString("R", CultureInfo.InvariantCulture);
        static string T(DateTime t) => $"TIMESTAMP '{t:yyyy-MM-dd HH:mm:ss}'";
        // Rows are inserted out of key order, so the engine's own ordering is what is tested.
        var sql = new System.Text.StringBuilder();
        sql.Append("create or replace table hubs(id bigint, name varchar);\n");
        sql.Append("insert into hubs values ").AppendJoin(", ", Enumerable.Range(1, HubCount).Reverse().Select(i => $"({i}, 'hub {i}')")).Append(";\n");
        sql.Append("create or replace table couriers(id bigint, hub_id bigint, name varchar, active boolean, created_at timestamp);\n");
        sql.Append("insert into couriers values ").AppendJoin(", ", Couriers.AsEnumerable().Reverse().Select(c => $"({c.Id}, {c.HubId}, '{c.Name}', {c.Active}, {T(c.CreatedAt)})")).Append(";\n");
        sql.Append("create or replace table parcels(id bigint, courier_id bigint, weight_kg double, stops integer, fragile boolean, created_at timestamp);\n");
        sql.Append("insert into parcels values ").AppendJoin(", ", Parcels.AsEnumerable().Reverse().Select(p => $"({p.Id}, {p.CourierId}, {D(p.WeightKg)}, {p.Stops}, {p.Fragile}, {T(p.CreatedAt)})")).Append(";\n");
        sql.Append("create or replace table items(id bigint, parcel_id bigint, price double);\n");
        sql.Append("insert into items values ").AppendJoin(", ", Items.AsEnumerable().Reverse().Select(i => $"({i.Id}, {i.ParcelId}, {D(i.Price)})")).Append(";\n");
        await duck.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql.ToString();
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        await sqlite.ExecuteAsync("create table scans(id INTEGER PRIMARY KEY, courier_id INTEGER NOT NULL, ok BOOLEAN NOT NULL, created_at TIMESTAMP);" +
            "create index scans_courier on scans(courier_id);" +
            "insert into scans values " + string.Join(", ", Scans.AsEnumerable().Reverse().Select(s =>
                $"({s.Id}, {s.CourierId}, {(s.Ok ? 1 : 0)}, {(s.CreatedAt is { } t ? ((long)(t - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture) : "NULL")})")));
    }
}
