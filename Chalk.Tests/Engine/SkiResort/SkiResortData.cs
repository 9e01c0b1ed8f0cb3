using Npgsql;
using NpgsqlTypes;

namespace Chalk.Tests.Engine.SkiResort;

/// <summary>Random skiers and rides, loaded into a fresh PostgreSQL database: nulls, skiers without rides, integer sums
/// that overflow (and running totals that overflow while the total fits), NaN, ±∞, ±0 and values near the top of double.</summary>
internal sealed class SkiResortData
{
    public static readonly DateTime Epoch = new(2026, 1, 10, 8, 0, 0, DateTimeKind.Utc);

    public required int SkierCount { get; init; }

    public required IReadOnlyList<Ride> Rides { get; init; }

    public static SkiResortData Generate(int seed, int skiers, int rides)
    {
        var rnd = new Random(seed);
        int[] bigInts = [2_000_000_000, -2_000_000_000, int.MaxValue, int.MinValue, 1, -1];
        long[] bigLongs = [long.MaxValue / 2 + 7, long.MinValue / 2 - 7, long.MaxValue, -1, 1];
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e300, -1e300, 1.7e308];
        string[] lifts = ["north", "south", "Nörth", "", "north "];
        // A third of the skiers ride with huge values, so their groups overflow or need a recheck; some have no rides.
        var style = Enumerable.Range(0, skiers + 1).Select(_ => rnd.Next(3)).ToArray();
        var list = new List<Ride>(rides);
        for (int i = 0; i < rides; i++)
        {
            long skier = 1 + rnd.Next(skiers - skiers / 8);
            bool wild = style[skier] == 0;
            list.Add(new Ride
            {
                Id = 1 + i,
                SkierId = skier,
                Vertical = wild && rnd.Next(2) == 0 ? bigInts[rnd.Next(bigInts.Length)] : rnd.Next(-50, 1500),
                LongVertical = wild && rnd.Next(2) == 0 ? bigLongs[rnd.Next(bigLongs.Length)] : rnd.Next(0, 100_000),
                Bonus = rnd.Next(3) == 0 ? null : rnd.Next(0, 50),
                Speed = Double(rnd, wild, specials),
                Gust = rnd.Next(4) == 0 ? null : Double(rnd, wild, specials),
                Night = rnd.Next(3) == 0,
                Lift = lifts[rnd.Next(lifts.Length)],
                CreatedAt = Epoch.AddMinutes(rnd.Next(0, 30 * 24 * 60)),
            });
        }
        // Edge skiers after the random ones: the order of their rides decides the answer.
        (double Speed, int Vertical)[][] edges =
        [
            [(-0.0, 1)],
            [(0.0, int.MaxValue), (-0.0, 1), (3, -1)],
            [(-0.0, -1), (0.0, int.MaxValue), (-5, 1)],
            [(-0.0, 5), (-0.0, 6), (-5, 7)],
            [(double.NaN, 1), (double.NaN, 2)],
            [(1.7e308, 1), (1.7e308, 1), (-1.7e308, 1)],
            [(double.PositiveInfinity, 1), (1.7e308, 1), (-1.7e308, 1), (-1.7e308, 1)],
        ];
        for (int e = 0; e < edges.Length; e++)
        {
            foreach (var (speed, vertical) in edges[e])
            {
                list.Add(new Ride
                {
                    Id = 1 + list.Count, SkierId = skiers + 1 + e, Vertical = vertical, LongVertical = vertical, Speed = speed, Gust = speed,
                    Lift = "north", CreatedAt = Epoch.AddMinutes(list.Count % 1000),
                });
            }
        }
        // A ride in the first days of year 1: a window before it starts before DateTime.MinValue, where C# throws.
        list.Add(new Ride { Id = 1 + list.Count, SkierId = skiers + edges.Length + 1, Vertical = 5, Speed = 1, Lift = "north", CreatedAt = DateTime.MinValue.AddDays(1) });
        // Rows go in out of key order, so PostgreSQL's scan order is not LINQ's order.
        var shuffled = list.ToArray();
        rnd.Shuffle(shuffled);
        return new SkiResortData { SkierCount = skiers + edges.Length + 1, Rides = shuffled };
    }

    // Multiples of 1/8 below 2^20 add exactly in any order, so sums agree bit for bit between PostgreSQL and LINQ.
    private static double Double(Random rnd, bool wild, double[] specials)
        => rnd.Next(wild ? 3 : 12) == 0 ? specials[rnd.Next(specials.Length)] : rnd.Next(-800, 8000) / 8.0;

    /// <summary>Creates the tables in <paramref name="connectionString"/>'s database and copies the rows in.</summary>
    public async Task LoadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "create table skiers (id bigint primary key, name text not null);" +
            "create table rides (id bigint primary key, skier_id bigint not null, vertical integer not null, long_vertical bigint not null," +
            " bonus integer, speed double precision not null, gust double precision, night boolean not null, lift text not null," +
            " created_at timestamp not null);" +
            "create index rides_skier on rides (skier_id);" +
            "insert into skiers select i, 'skier ' || i from generate_series(1, " + SkierCount + ") i;", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy rides (id, skier_id, vertical, long_vertical, bonus, speed, gust, night, lift, created_at) from stdin (format binary)");
        foreach (var r in Rides)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint);
            await copy.WriteAsync(r.SkierId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(r.Vertical, NpgsqlDbType.Integer);
            await copy.WriteAsync(r.LongVertical, NpgsqlDbType.Bigint);
            if (r.Bonus is { } bonus) await copy.WriteAsync(bonus, NpgsqlDbType.Integer);
            else await copy.WriteNullAsync();
            await copy.WriteAsync(r.Speed, NpgsqlDbType.Double);
            if (r.Gust is { } gust) await copy.WriteAsync(gust, NpgsqlDbType.Double);
            else await copy.WriteNullAsync();
            await copy.WriteAsync(r.Night, NpgsqlDbType.Boolean);
            await copy.WriteAsync(r.Lift, NpgsqlDbType.Text);
            await copy.WriteAsync(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
        }
        await copy.CompleteAsync();
    }
}
