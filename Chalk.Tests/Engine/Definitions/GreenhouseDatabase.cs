using Chalk.Sql.Sources;

namespace Chalk.Tests.Engine.Definitions;

/// <summary>An in-memory DuckDB with the greenhouse tables the cycle and conflict tests resolve from.</summary>
internal static class GreenhouseDatabase
{
    public static async Task<DuckDbSource> CreateAsync()
    {
        var source = new DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                create table plants(id bigint, species varchar, tag varchar);
                insert into plants values (1, 'fern', 'FERN'), (2, 'moss', 'MOSS');
                create table seeds(id bigint, weight double, code varchar);
                insert into seeds values (1, 12.5, 'S12');
                create table houses(id bigint, area double);
                insert into houses values (1, 100), (2, 40);
                create table benches(id bigint, house_id bigint, share double);
                insert into benches values (1, 1, 0.5), (2, 1, 0.25), (3, 2, 1);
                create table shoots(id bigint, parent_id bigint, length double);
                insert into shoots values (1, null, 3), (2, 1, 5);
                create table valves(id bigint, flow double, pressure double, setting double);
                insert into valves values (1, 10, 20, 30);
                create table racks(id bigint, hall_id bigint, share double, code varchar);
                insert into racks values (1, 1, 0.5, '0.5');
                create table pumps(id bigint, name varchar, speed double, rate double);
                insert into pumps values (1, 'north', 3, 99), (2, 'south', 4, 98);
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return source;
    }
}
