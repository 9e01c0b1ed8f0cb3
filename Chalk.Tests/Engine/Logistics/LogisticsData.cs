using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Engine.Logistics;

/// <summary>The sizes of a generated logistics database.</summary>
/// <param name="Depots">Depots 1..n; the last tenth have no vehicles and no deliveries.</param>
/// <param name="Vehicles">Vehicles, spread over the other depots.</param>
/// <param name="Deliveries">Deliveries, each made by a random vehicle for that vehicle's depot.</param>
/// <param name="Incidents">Incidents (in SQLite), spread over every depot.</param>
public sealed record LogisticsSizes(int Depots, int Vehicles, int Deliveries, int Incidents)
{
    /// <summary>The benchmark's default: 50k depots × 100k vehicles × 2M deliveries, 200k incidents.</summary>
    public static readonly LogisticsSizes Benchmark = new(50_000, 100_000, 2_000_000, 200_000);

    /// <summary>Sizes from <c>CHALK_BENCH_LOGISTICS</c> (<c>depots/vehicles/deliveries/incidents</c>), or <paramref name="fallback"/>.</summary>
    public static LogisticsSizes FromEnvironment(LogisticsSizes fallback)
    {
        var text = Environment.GetEnvironmentVariable("CHALK_BENCH_LOGISTICS");
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var parts = text.Split('/').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts.Length == 4
            ? new LogisticsSizes(parts[0], parts[1], parts[2], parts[3])
            : throw new FormatException($"CHALK_BENCH_LOGISTICS is '{text}'; give depots/vehicles/deliveries/incidents, e.g. 5000/10000/200000/20000");
    }
}

/// <summary>A logistics database generated deterministically (hashes of row numbers): depots, vehicles and deliveries in
/// DuckDB, incidents in a SQLite file (and a copy in DuckDB for the hand-written query), and an engine over both.</summary>
/// <remarks>
/// Amounts are multiples of ¼, so float sums are exact in any order; times are whole minutes (deliveries) or seconds
/// (vehicles, incidents). About 5% of deliveries failed and have no delivery time; the last tenth of the depots have no
/// vehicles and no deliveries; vehicles and deliveries are spread over a year and a half, so many are invisible at a
/// depot row's as-of time.
/// </remarks>
public sealed class LogisticsData : IAsyncDisposable
{
    private const string DepotsSql = "-- resolves: Depot\n-- source: fleet\nselect id, name, city from depots\n";
    private const string VehiclesSql = "-- resolves: Vehicle\n-- source: fleet\nselect id, depot_id, kind, capacity_kg, plate, created_at from vehicles\n";
    private const string DeliveriesSql = "-- resolves: Delivery\n-- source: fleet\n" +
        "select id, vehicle_id, depot_id, distance_km, weight_kg, stops, status, postcode, promised_at, delivered_at, created_at from deliveries\n";
    private const string IncidentsSql = "-- resolves: Incident\n-- source: reports\nselect id, depot_id, severity, cost, created_at from incidents\n";

    /// <summary>The first day of the generated deliveries and incidents.</summary>
    public static readonly DateTime Start = new(2026, 1, 1);

    private LogisticsData(LogisticsSizes sizes, DuckDbSource fleet, string sqlitePath)
    {
        Sizes = sizes;
        Fleet = fleet;
        SqlitePath = sqlitePath;
    }

    /// <summary>The sizes generated.</summary>
    public LogisticsSizes Sizes { get; }

    /// <summary>The in-memory DuckDB database: depots, vehicles, deliveries, and a copy of the incidents.</summary>
    public DuckDbSource Fleet { get; }

    /// <summary>The SQLite file holding the incidents the engine reads.</summary>
    public string SqlitePath { get; }

    /// <summary>Every depot feature, in the order the hand-written query returns them.</summary>
    public static readonly string[] Outputs =
    [
        "depot.name", "depot.city",
        "depot.delivery_count", "depot.total_distance", "depot.average_weight", "depot.longest_delivery", "depot.failed_deliveries",
        "depot.late_deliveries", "depot.undelivered_count", "depot.distinct_postcodes", "depot.heavy_deliveries", "depot.total_stops",
        "depot.first_delivery_at", "depot.latest_delivery_distance", "depot.any_returned",
        "depot.recent_deliveries[1d]", "depot.recent_deliveries[7d]", "depot.recent_deliveries[30d]",
        "depot.recent_distance[7d]", "depot.recent_distance[30d]", "depot.recent_failures[7d]", "depot.recent_failures[30d]",
        "depot.vehicle_count", "depot.total_capacity", "depot.van_count", "depot.newest_vehicle_capacity", "depot.vehicle_kinds",
        "depot.late_rate", "depot.distance_per_vehicle",
        "depot.first_plate", "depot.last_postcode",
        "depot.total_late_minutes", "depot.worst_late_minutes", "depot.very_late_deliveries", "depot.plate_regions",
        "depot.incident_count", "depot.incident_cost", "depot.average_incident_cost", "depot.severe_incidents", "depot.latest_incident_severity",
        "depot.recent_incidents[30d]",
        "depot.busiest_vehicle_deliveries", "depot.average_vehicle_deliveries", "depot.vehicles_running_late", "depot.idle_vehicles",
        "depot.longest_vehicle_route",
        "depot.code", "depot.van_share",
    ];

    /// <summary>The outputs the engine pushes into DuckDB: the depot lookup, the aggregates over deliveries and vehicles
    /// that have a faithful SQL form, and the two lifted features computed from them.</summary>
    public static readonly string[] PushedDownOutputs = Outputs[..System.Array.IndexOf(Outputs, "depot.first_plate")];

    /// <summary>Generates the data and copies the incidents into a new SQLite file in the temp folder.</summary>
    public static async Task<LogisticsData> CreateAsync(LogisticsSizes sizes)
    {
        var fleet = new DuckDbSource("Data Source=:memory:");
        var data = new LogisticsData(sizes, fleet, Path.Combine(Path.GetTempPath(), $"chalk-logistics-{Guid.NewGuid():N}.db"));
        await fleet.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = GenerateSql(sizes);
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        await data.CopyIncidentsToSqliteAsync();
        return data;
    }

    /// <summary>An engine over the two sources (it owns neither the DuckDB source nor the file).</summary>
    /// <param name="lifting">False: every C# body runs per row.</param>
    /// <param name="inlineChildResolvers">False: aggregates over <c>delivery.late_minutes</c> run in the engine instead of
    /// pushed down with <see cref="LogisticsResolvers.LateMinutes"/> inlined (to compare the two).</param>
    /// <param name="reports">The SQLite source of the incidents (the engine disposes it); a new one over <see cref="SqlitePath"/> when null.</param>
    public ChalkEngine BuildEngine(bool lifting = true, bool inlineChildResolvers = true, SqliteSource? reports = null)
    {
        var builder = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Depot), typeof(Vehicle), typeof(Delivery), typeof(Incident), typeof(LogisticsResolvers))
            .AddSource("fleet", Fleet, disposeWithEngine: false)
            .AddSource("reports", reports ?? new SqliteSource("Data Source=" + SqlitePath))
            .AddSqlResolver("depots.chalk.sql", DepotsSql)
            .AddSqlResolver("vehicles.chalk.sql", VehiclesSql)
            .AddSqlResolver("deliveries.chalk.sql", DeliveriesSql)
            .AddSqlResolver("incidents.chalk.sql", IncidentsSql);
        if (!inlineChildResolvers) builder = builder.WithoutChildResolverInlining();
        return (lifting ? builder : builder.DisableLifting()).Build();
    }

    /// <summary>Each depot's default as-of time: spread over the ten months after the first two of the year.</summary>
    public static DateTime AsOf(long depot) => Start.AddDays(60).AddMinutes((depot * 7919) % (300 * 1440));

    /// <summary>The query's input rows: <c>depot.id</c> and <c>ts</c>.</summary>
    public static RecordBatch Inputs(IReadOnlyList<long> depots, IReadOnlyList<DateTime> asOf)
    {
        var ids = new Int64Array.Builder().Reserve(depots.Count);
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null)).Reserve(depots.Count);
        for (int i = 0; i < depots.Count; i++)
        {
            ids.Append(depots[i]);
            ts.Append(new DateTimeOffset(asOf[i], TimeSpan.Zero));
        }
        var t = ts.Build();
        return new RecordBatch(new Schema([new Field("depot.id", Int64Type.Default, false), new Field("ts", t.Data.DataType, false)], null),
            [ids.Build(), t], depots.Count);
    }

    /// <summary>Every depot once, at its default as-of time.</summary>
    public RecordBatch AllDepots()
    {
        var ids = Enumerable.Range(1, Sizes.Depots).Select(i => (long)i).ToList();
        return Inputs(ids, ids.Select(AsOf).ToList());
    }

    /// <summary>Loads the input rows into DuckDB as the hand-written query's key table (row number, depot id, as-of time).</summary>
    public Task LoadKeysAsync(RecordBatch inputs)
        => Fleet.UseConnectionAsync(c =>
        {
            using (var create = c.CreateCommand())
            {
                create.CommandText = $"create or replace table {LogisticsHandWritten.KeysTable}(row_id INTEGER, id BIGINT, ts TIMESTAMP)";
                create.ExecuteNonQuery();
            }
            using var appender = c.CreateAppender(LogisticsHandWritten.KeysTable);
            var ids = (Int64Array)inputs.Column(0);
            var ts = (TimestampArray)inputs.Column(1);
            for (int i = 0; i < inputs.Length; i++)
                appender.CreateRow().AppendValue(i).AppendValue(ids.GetValue(i)).AppendValue(ts.GetTimestamp(i)!.Value.UtcDateTime).EndRow();
            return Task.CompletedTask;
        });

    private static string GenerateSql(LogisticsSizes s)
    {
        int withVehicles = Math.Max(1, s.Depots - s.Depots / 10);
        return $"""
            create or replace table depots as
            select i::BIGINT as id,
                   ['North', 'South', 'East', 'West', 'Central'][(hash(i) % 5 + 1)::BIGINT] || ' ' || ['Harbour', 'Airport', 'Market', 'Park'][(hash(i * 3) % 4 + 1)::BIGINT] || ' ' || i as name,
                   ['Leeds', 'York', 'Hull', 'Derby', 'Bath', 'Ely', 'Wells', 'Ripon'][(hash(i * 5) % 8 + 1)::BIGINT] as city
            from range(1, {s.Depots + 1}) t(i);
            create or replace table vehicles as
            select i::BIGINT as id,
                   (hash(i) % {withVehicles} + 1)::BIGINT as depot_id,
                   ['van', 'truck', 'bike', 'van'][(hash(i * 3) % 4 + 1)::BIGINT] as kind,
                   ((hash(i * 7) % 4000 + 200) / 2.0)::DOUBLE as capacity_kg,
                   chr((65 + hash(i * 11) % 26)::INTEGER) || chr((65 + hash(i * 13) % 26)::INTEGER) || '-' || (1000 + hash(i * 17) % 9000) as plate,
                   TIMESTAMP '2025-07-01' + to_seconds((hash(i * 19) % (540 * 86400))::BIGINT) as created_at
            from range(1, {s.Vehicles + 1}) t(i);
            create or replace table deliveries as
            with d as (
                select i, (hash(i) % {s.Vehicles} + 1)::BIGINT as vehicle_id,
                       TIMESTAMP '2026-01-01' + to_minutes((hash(i * 3) % (365 * 1440))::BIGINT) as created_at,
                       hash(i * 5) % 20 as outcome
                from range(1, {s.Deliveries + 1}) t(i))
            select d.i::BIGINT as id, d.vehicle_id, v.depot_id,
                   ((hash(d.i * 7) % 2000) / 4.0)::DOUBLE as distance_km,
                   ((hash(d.i * 11) % 100) / 2.0)::DOUBLE as weight_kg,
                   (hash(d.i * 13) % 12 + 1)::INTEGER as stops,
                   case d.outcome when 0 then 'failed' when 1 then 'returned' else 'delivered' end as status,
                   'P' || lpad((hash(d.i * 17) % 3000)::VARCHAR, 4, '0') as postcode,
                   d.created_at + to_minutes((hash(d.i * 19) % (48 * 60))::BIGINT) as promised_at,
                   case when d.outcome = 0 then NULL else d.created_at + to_minutes((hash(d.i * 23) % (60 * 60))::BIGINT) end as delivered_at,
                   d.created_at
            from d join vehicles v on v.id = d.vehicle_id
            order by d.i;
            create or replace table incidents as
            select i::BIGINT as id,
                   (hash(i) % {s.Depots} + 1)::BIGINT as depot_id,
                   ['low', 'medium', 'high', 'low'][(hash(i * 3) % 4 + 1)::BIGINT] as severity,
                   ((hash(i * 7) % 100000) / 4.0)::DOUBLE as cost,
                   TIMESTAMP '2026-01-01' + to_seconds((hash(i * 11) % (365 * 86400))::BIGINT) as created_at
            from range(1, {s.Incidents + 1}) t(i);
            -- The foreign keys are indexed, as in the SQLite file: an online query reads one key's rows through them.
            create index deliveries_depot on deliveries(depot_id);
            create index deliveries_vehicle on deliveries(vehicle_id);
            create index vehicles_depot on vehicles(depot_id);
            """;
    }

    private async Task CopyIncidentsToSqliteAsync()
    {
        await using var sqlite = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
        await sqlite.OpenAsync();
        await using (var create = sqlite.CreateCommand())
        {
            // The foreign key is indexed, as it would be in any database a has-many relation is read from.
            create.CommandText = "create table incidents(id INTEGER PRIMARY KEY, depot_id INTEGER NOT NULL, severity TEXT NOT NULL, cost REAL NOT NULL, created_at TIMESTAMP NOT NULL);" +
                "create index incidents_depot on incidents(depot_id)";
            await create.ExecuteNonQueryAsync();
        }
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var insert = sqlite.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "insert into incidents values ($id, $depot, $severity, $cost, $created)";
        var parameters = new[] { "$id", "$depot", "$severity", "$cost", "$created" }.Select(n => insert.Parameters.Add(n, SqliteType.Integer)).ToArray();
        parameters[2].SqliteType = SqliteType.Text;
        parameters[3].SqliteType = SqliteType.Real;
        await Fleet.UseConnectionAsync(async c =>
        {
            using var read = c.CreateCommand();
            read.CommandText = "select id, depot_id, severity, cost, epoch(created_at)::BIGINT from incidents order by id";
            using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (int i = 0; i < parameters.Length; i++) parameters[i].Value = reader.GetValue(i);
                await insert.ExecuteNonQueryAsync();
            }
        });
        await transaction.CommitAsync();
    }

    /// <summary>Disposes the DuckDB source and deletes the SQLite file.</summary>
    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(SqlitePath);
    }
}
