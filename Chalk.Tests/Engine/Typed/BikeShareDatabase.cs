using System.Globalization;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Engine.Typed;

/// <summary>The bike-share data: rides, docks and riders in an in-memory DuckDB, cities in a SQLite file.</summary>
/// <remarks>Rides 1003 (no rider), 1005 (rider 999 does not exist) and 1006 (dock 99 does not exist) reach missing
/// has-one rows; dock 12's city 99 does not exist; ride 1004 is over five hours, so its surcharge fails.</remarks>
internal sealed class BikeShareDatabase : IAsyncDisposable
{
    private const string Rides = "-- resolves: BikeRide\n-- source: bikes\nselect id, rider_id, start_dock_id, minutes, started_at from rides\n";
    private const string Docks = "-- resolves: BikeDock\n-- source: bikes\nselect id, name, capacity, city_id from docks\n";
    private const string Riders = "-- resolves: Rider\n-- source: bikes\nselect id, name, tier, birth_year, joined_at, rating, verified from riders where id = ${rider.id}\n";
    private const string Cities = "-- resolves: BikeCity\n-- source: cities\nselect id, name, country from cities where id = ${bike_city.id}\n";

    public static readonly long[] RideIds = [1000, 1001, 1002, 1003, 1004, 1005, 1006];

    private readonly string _citiesPath;

    private BikeShareDatabase(DuckDbSource bikes, SqliteSource cities, string citiesPath)
    {
        Bikes = bikes;
        CitiesSource = cities;
        _citiesPath = citiesPath;
    }

    public DuckDbSource Bikes { get; }

    public SqliteSource CitiesSource { get; }

    public static async Task<BikeShareDatabase> CreateAsync()
    {
        var now = DateTime.UtcNow;
        string Ago(double hours) => (now - TimeSpan.FromHours(hours)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var bikes = new DuckDbSource("Data Source=:memory:");
        await bikes.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                create table docks(id bigint, name varchar, capacity integer, city_id bigint);
                insert into docks values (10, 'Bellecour', 20, 1), (11, 'Ribeira', 12, 2), (12, 'Lost', 8, 99);
                create table riders(id bigint, name varchar, tier varchar, birth_year integer, joined_at timestamptz, rating real, verified boolean);
                insert into riders values
                    (100, 'Ada', 'annual', 1990, '2021-03-04 05:06:07+00', 4.5, true),
                    (101, 'Ben', 'casual', null, '2023-11-12 13:14:15+00', 3.25, false),
                    (102, 'Cy', 'monthly', 2001, '2024-01-02 03:04:05+00', 5.0, true);
                create table rides(id bigint, rider_id bigint, start_dock_id bigint, minutes double, started_at timestamp);
                insert into rides values
                    (1000, 100, 10, 12.5, '{Ago(2)}'), (1001, 101, 10, 45.0, '{Ago(72)}'), (1002, 100, 11, 90.0, '{Ago(240)}'),
                    (1003, null, 11, 5.0, '{Ago(1)}'), (1004, 102, 12, 400.0, '{Ago(20)}'), (1005, 999, 10, 20.0, '{Ago(120)}'),
                    (1006, 101, 99, 30.0, '{Ago(0.5)}');
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        var citiesPath = Path.Combine(Path.GetTempPath(), $"chalk-cities-{Guid.NewGuid():N}.db");
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + citiesPath))
        {
            await conn.OpenAsync();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "create table cities(id integer, name text, country text); insert into cities values (1, 'Lyon', 'FR'), (2, 'Porto', null);";
            await cmd.ExecuteNonQueryAsync();
        }
        return new BikeShareDatabase(bikes, new SqliteSource("Data Source=" + citiesPath), citiesPath);
    }

    public ChalkEngine BuildEngine(bool lifting = true)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(BikeDock), typeof(BikeCity), typeof(Rider), typeof(BikeRide), typeof(BikeResolvers))
            .AddSource("bikes", Bikes, disposeWithEngine: false)
            .AddSource("cities", CitiesSource, disposeWithEngine: false)
            .AddSqlResolver("rides.chalk.sql", Rides)
            .AddSqlResolver("docks.chalk.sql", Docks)
            .AddSqlResolver("riders.chalk.sql", Riders)
            .AddSqlResolver("cities.chalk.sql", Cities);
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    public async ValueTask DisposeAsync()
    {
        await Bikes.DisposeAsync();
        await CitiesSource.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_citiesPath);
    }
}
