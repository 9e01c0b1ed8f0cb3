using System.Globalization;
using Chalk.Sql.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Chalk.Tests.Engine.Diagnostics;

/// <summary>The bike share's database (a DuckDB in memory) and an engine builder over it.</summary>
internal static class BikeShare
{
    /// <summary>The time the fixed clock of the tests stands at: rides of station 1 at 10:00 and 12:00 that day are recent.</summary>
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 18, 0, 0, TimeSpan.Zero);

    public const string Stations = "-- resolves: Station\n-- source: bikes\nselect id, name, docks from stations where id = ${station.id}\n";
    public const string Rides = "-- resolves: Ride\n-- source: bikes\nselect id, station_id, minutes, started_at from rides\n";

    /// <summary>Stations 1 (Harbor Gate, 20 docks, 3 rides), 2 (Old Mill, 10 docks, 1 ride) and 3 (no name, no docks), and
    /// <paramref name="more"/> stations 1000… with 4 docks and a ride each.</summary>
    public static async Task<DuckDbSource> CreateAsync(int more = 0)
    {
        var source = new DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                create table stations(id bigint, name varchar, docks bigint);
                insert into stations values (1, 'Harbor Gate', 20), (2, 'Old Mill', 10), (3, '', 0);
                insert into stations select 1000 + i, 'Stop ' || i, 4 from range({more}) t(i);
                create table rides(id bigint, station_id bigint, minutes double, started_at timestamp);
                insert into rides values (10, 1, 12.5, '2024-05-01 10:00:00'), (11, 1, 7.0, '2024-05-01 12:00:00'),
                    (12, 1, 30.0, '2024-04-20 09:00:00'), (13, 2, 4.0, '2024-04-30 08:00:00');
                insert into rides select 100000 + i, 1000 + i, 5.0, '2024-04-30 08:00:00' from range({more}) t(i);
                """);
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return source;
    }

    /// <summary>Adds the bike share's features, resolvers and source (not disposed with the engine).</summary>
    public static ChalkEngineBuilder AddBikeShare(this ChalkEngineBuilder builder, DuckDbSource source)
        => builder
            .AddFeatures(typeof(Station), typeof(Ride), typeof(StationResolvers))
            .AddSource("bikes", source, disposeWithEngine: false)
            .AddSqlResolver("stations.chalk.sql", Stations)
            .AddSqlResolver("rides.chalk.sql", Rides);

    /// <summary>Gives the forecast resolver its weather service (the DI tests' container gives its own instead).</summary>
    public static ChalkEngineBuilder WithWeather(this ChalkEngineBuilder builder, IWeather? weather = null)
        => builder.WithServices(new ServiceCollection()
            .AddSingleton<IWeather>(weather ?? new SunnyWeather()).BuildServiceProvider());

    public static Dictionary<string, object?> StationId(long id) => new() { ["station.id"] = id };
}
