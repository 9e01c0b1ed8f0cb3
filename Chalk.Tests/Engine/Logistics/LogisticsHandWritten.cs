using Apache.Arrow;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Logistics;

/// <summary>Every <see cref="Depot"/> feature of <see cref="LogisticsData.Outputs"/> in one hand-written DuckDB query over
/// a key table (row number, depot id, as-of time): what someone would write instead of the engine.</summary>
/// <remarks>It reads the incidents from DuckDB's copy (the engine reads them from SQLite) and returns the row number
/// first, then the features in <see cref="LogisticsData.Outputs"/> order, ordered by row number.</remarks>
public static class LogisticsHandWritten
{
    /// <summary>The key table the query reads.</summary>
    public const string KeysTable = "logistics_keys";

    // The rows each relation contributes, visible at the key row's time.
    private const string Keys = """
        k as (
            select k.row_id, k.id, k.ts, dp.id is not null as found, dp.name, dp.city
            from logistics_keys k left join depots dp on dp.id = k.id),
        dv as (
            select k.row_id, k.ts, d.*,
                   case when d.delivered_at is not null
                        then greatest(0.0, (epoch_us(d.delivered_at) - epoch_us(d.promised_at))::DOUBLE / 60000000.0::DOUBLE) end as late_minutes
            from k join deliveries d on d.depot_id = k.id and d.created_at <= k.ts),
        vv as (
            select k.row_id, k.ts, v.*
            from k join vehicles v on v.depot_id = k.id and v.created_at <= k.ts)
        """;

    private const string PushedDeliveryColumns = """
                   count(*)::INTEGER as n,
                   sum(distance_km) as distance,
                   avg(weight_kg) as average_weight,
                   max(distance_km) as longest,
                   count(*) filter (where status = 'failed')::INTEGER as failed,
                   count(*) filter (where delivered_at > promised_at)::INTEGER as late,
                   count(*) filter (where delivered_at is null)::INTEGER as undelivered,
                   count(distinct postcode)::INTEGER as postcodes,
                   count(*) filter (where weight_kg > 20) as heavy,
                   sum(stops)::BIGINT as stops,
                   min(created_at) as first_at,
                   arg_max(distance_km, (created_at, -id)) as latest_distance,
                   bool_or(status = 'returned') as any_returned,
                   count(*) filter (where created_at >= ts - interval 1 day)::INTEGER as recent_1d,
                   count(*) filter (where created_at >= ts - interval 7 day)::INTEGER as recent_7d,
                   count(*) filter (where created_at >= ts - interval 30 day)::INTEGER as recent_30d,
                   sum(distance_km) filter (where created_at >= ts - interval 7 day) as distance_7d,
                   sum(distance_km) filter (where created_at >= ts - interval 30 day) as distance_30d,
                   count(*) filter (where created_at >= ts - interval 7 day and status = 'failed')::INTEGER as failures_7d,
                   count(*) filter (where created_at >= ts - interval 30 day and status = 'failed')::INTEGER as failures_30d
        """;

    private const string EngineDeliveryColumns = """
                   max(postcode) as last_postcode,
                   sum(coalesce(late_minutes, 0)) as late_minutes,
                   max(late_minutes) as worst_late,
                   count(*) filter (where late_minutes > 120)::INTEGER as very_late
        """;

    private const string PushedVehicleColumns = """
                   count(*)::INTEGER as n,
                   sum(capacity_kg) as capacity,
                   count(*) filter (where kind = 'van')::INTEGER as vans,
                   arg_max(capacity_kg, (created_at, -id)) as newest_capacity,
                   count(distinct kind)::INTEGER as kinds
        """;

    private const string EngineVehicleColumns = """
                   min(plate) as first_plate,
                   count(distinct split_part(plate, '-', 1))::INTEGER as regions
        """;

    // Per vehicle its deliveries' aggregates, then per key row the aggregates of those; and the incidents.
    private const string NestedAndIncidents = """
        vd as (
            select vv.row_id, vv.id,
                   count(d.id)::INTEGER as n,
                   coalesce(sum(d.distance_km), 0) as distance,
                   count(d.id) filter (where d.delivered_at > d.promised_at) as late
            from vv left join deliveries d on d.vehicle_id = vv.id and d.created_at <= vv.ts
            group by vv.row_id, vv.id),
        nested as (
            select row_id,
                   max(n) as busiest,
                   avg(n) as average_n,
                   count(*) filter (where late > 0)::INTEGER as running_late,
                   count(*) filter (where n = 0)::INTEGER as idle,
                   max(distance) as longest_route
            from vd group by row_id),
        inc as (
            select k.row_id,
                   count(*)::INTEGER as n,
                   sum(i.cost) as cost,
                   avg(i.cost) as average_cost,
                   count(*) filter (where i.severity = 'high')::INTEGER as severe,
                   arg_max(i.severity, (i.created_at, -i.id)) as latest_severity,
                   count(*) filter (where i.created_at >= k.ts - interval 30 day)::INTEGER as recent_30d
            from k join incidents i on i.depot_id = k.id and i.created_at <= k.ts
            group by k.row_id)
        """;

    private const string PushedSelect = """
               k.name, k.city,
               case when k.found then coalesce(dl.n, 0) end,
               case when k.found then coalesce(dl.distance, 0) end,
               dl.average_weight,
               dl.longest,
               case when k.found then coalesce(dl.failed, 0) end,
               case when k.found then coalesce(dl.late, 0) end,
               case when k.found then coalesce(dl.undelivered, 0) end,
               case when k.found then coalesce(dl.postcodes, 0) end,
               case when k.found then coalesce(dl.heavy, 0) end,
               case when k.found then coalesce(dl.stops, 0) end,
               dl.first_at,
               dl.latest_distance,
               case when k.found then coalesce(dl.any_returned, false) end,
               case when k.found then coalesce(dl.recent_1d, 0) end,
               case when k.found then coalesce(dl.recent_7d, 0) end,
               case when k.found then coalesce(dl.recent_30d, 0) end,
               case when k.found then coalesce(dl.distance_7d, 0) end,
               case when k.found then coalesce(dl.distance_30d, 0) end,
               case when k.found then coalesce(dl.failures_7d, 0) end,
               case when k.found then coalesce(dl.failures_30d, 0) end,
               case when k.found then coalesce(vh.n, 0) end,
               case when k.found then coalesce(vh.capacity, 0) end,
               case when k.found then coalesce(vh.vans, 0) end,
               vh.newest_capacity,
               case when k.found then coalesce(vh.kinds, 0) end,
               case when coalesce(dl.n, 0) > 0 then dl.late::DOUBLE / dl.n end,
               case when k.found then coalesce(dl.distance, 0) / greatest(coalesce(vh.n, 0), 1) end
        """;

    private const string EngineSelect = """
               vh.first_plate,
               dl.last_postcode,
               case when k.found then coalesce(dl.late_minutes, 0) end,
               dl.worst_late,
               case when k.found then coalesce(dl.very_late, 0) end,
               case when k.found then coalesce(vh.regions, 0) end,
               case when k.found then coalesce(inc.n, 0) end,
               case when k.found then coalesce(inc.cost, 0) end,
               inc.average_cost,
               case when k.found then coalesce(inc.severe, 0) end,
               inc.latest_severity,
               case when k.found then coalesce(inc.recent_30d, 0) end,
               nested.busiest,
               nested.average_n,
               case when k.found then coalesce(nested.running_late, 0) end,
               case when k.found then coalesce(nested.idle, 0) end,
               nested.longest_route,
               regexp_replace(k.name, '[^A-Z]', '', 'g') || '-' || lpad((k.id % 1000)::VARCHAR, 3, '0'),
               case when coalesce(vh.n, 0) > 0 then vh.vans::DOUBLE / vh.n end
        """;

    /// <summary>The query: every feature of <see cref="LogisticsData.Outputs"/>.</summary>
    public const string Sql = $"""
        with
        {Keys},
        dl as (select row_id,
        {PushedDeliveryColumns},
        {EngineDeliveryColumns}
            from dv group by row_id),
        vh as (select row_id,
        {PushedVehicleColumns},
        {EngineVehicleColumns}
            from vv group by row_id),
        {NestedAndIncidents}
        select k.row_id,
        {PushedSelect},
        {EngineSelect}
        from k
        left join dl on dl.row_id = k.row_id
        left join vh on vh.row_id = k.row_id
        left join nested on nested.row_id = k.row_id
        left join inc on inc.row_id = k.row_id
        order by k.row_id
        """;

    /// <summary>The features the engine pushes into DuckDB (<see cref="LogisticsData.PushedDownOutputs"/>) alone.</summary>
    public const string PushedDownSql = $"""
        with
        {Keys},
        dl as (select row_id,
        {PushedDeliveryColumns}
            from dv group by row_id),
        vh as (select row_id,
        {PushedVehicleColumns}
            from vv group by row_id)
        select k.row_id,
        {PushedSelect}
        from k
        left join dl on dl.row_id = k.row_id
        left join vh on vh.row_id = k.row_id
        order by k.row_id
        """;

    /// <summary>Runs the query and returns the number of rows; each result batch is dropped as it arrives.</summary>
    public static async Task<long> CountAsync(DuckDbSource fleet, string sql = Sql)
    {
        long rows = 0;
        await fleet.UseConnectionAsync(async c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await foreach (var batch in cmd.ExecuteArrowBatchesAsync())
            {
                rows += batch.Length;
                batch.Dispose();
            }
        });
        return rows;
    }

    /// <summary>Runs the query and returns its values per row: the features only, in the order of its outputs.</summary>
    public static async Task<List<object?[]>> RowsAsync(DuckDbSource fleet, string sql = Sql)
    {
        var rows = new List<object?[]>();
        await fleet.UseConnectionAsync(async c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            await foreach (var batch in cmd.ExecuteArrowBatchesAsync())
            {
                using (batch)
                {
                    for (int r = 0; r < batch.Length; r++)
                        rows.Add(Enumerable.Range(1, batch.ColumnCount - 1).Select(c => ArrowValues.Get(batch.Column(c), r)).ToArray());
                }
            }
        });
        return rows;
    }

    /// <summary>The differences between the engine's answer (columns in <paramref name="outputs"/> order) and the
    /// hand-written query's rows, at most <paramref name="limit"/> of them: integers and strings exactly, floats to a
    /// relative 1e-9 (DuckDB averages in its own way), nulls only with nulls.</summary>
    public static List<string> Differences(RecordBatch engine, IReadOnlyList<string> outputs, IReadOnlyList<object?[]> expected, int limit = 20)
    {
        var differences = new List<string>();
        if (engine.Length != expected.Count) differences.Add($"the engine returned {engine.Length} rows, the hand-written query {expected.Count}");
        for (int c = 0; c < outputs.Count && differences.Count < limit; c++)
        {
            var column = engine.Column(c);
            for (int r = 0; r < Math.Min(engine.Length, expected.Count) && differences.Count < limit; r++)
            {
                var actual = ArrowValues.Get(column, r);
                var wanted = expected[r][c];
                if (!Same(actual, wanted)) differences.Add($"row {r}, {outputs[c]}: engine {Show(actual)}, hand-written {Show(wanted)}");
            }
        }
        return differences;
    }

    private static bool Same(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is double or float || b is double or float)
        {
            double x = Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture);
            double y = Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture);
            return x == y || Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y));
        }
        if (a is int or long or short && b is int or long or short)
            return Convert.ToInt64(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToInt64(b, System.Globalization.CultureInfo.InvariantCulture);
        return Equals(a, b);
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        string s => $"\"{s}\"",
        DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{v} ({v.GetType().Name})",
    };
}
