using System.Text.Json;
using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>Whether a statement reads only tables stored in the database, so that a plan kept on a read-only file
/// answers as a fresh one would.</summary>
/// <remarks>A read-only file cannot change, but a statement may read what can: <c>read_parquet('events/*.parquet')</c>,
/// a CSV, another database, or a view over any of them. DuckDB expands a glob and reads a file's metadata when it
/// plans, so a kept plan would miss a file added later. The statement's unoptimized logical plan (<c>EXPLAIN</c> with
/// <c>explain_output = 'all'</c>; the optimized one can drop a scan whose filter it folds to false) is walked and
/// every leaf must be a stored table's scan or make its rows itself.</remarks>
internal static class DuckDbPlanScope
{
    private static readonly HashSet<string> SelfContainedLeaves = new(StringComparer.Ordinal)
    {
        "SEQ_SCAN", "DUMMY_SCAN", "EMPTY_RESULT", "EXPRESSION_GET", "CTE_SCAN", "DELIM_GET", "RANGE", "GENERATE_SERIES", "UNNEST",
    };

    /// <summary>True when every leaf of <paramref name="sql"/>'s logical plan is in <see cref="SelfContainedLeaves"/>
    /// (<c>SEQ_SCAN</c> being a stored table's scan); false when any is not, or the plan cannot be read.</summary>
    /// <param name="connection">A connection of the database, not in use by anyone else.</param>
    /// <param name="sql">The statement, its parameters replaced by typed nulls.</param>
    public static bool ReadsOnlyStoredTables(DuckDBConnection connection, string sql)
    {
        try
        {
            Execute(connection, "SET explain_output = 'all'");
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN (FORMAT JSON) " + sql;
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (reader.GetString(0) != "logical_plan") continue;
                    using var plan = JsonDocument.Parse(reader.GetString(1));
                    return Leaves(plan.RootElement).All(SelfContainedLeaves.Contains);
                }
                return false;
            }
            finally
            {
                Execute(connection, "RESET explain_output");
            }
        }
        catch (Exception ex) when (ex is DuckDBException or JsonException or InvalidOperationException or KeyNotFoundException or InvalidCastException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Leaves(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                foreach (var leaf in Leaves(item)) yield return leaf;
            }
            yield break;
        }
        var children = node.TryGetProperty("children", out var c) && c.ValueKind == JsonValueKind.Array ? c : default;
        if (children.ValueKind != JsonValueKind.Array || children.GetArrayLength() == 0)
        {
            yield return node.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";
            yield break;
        }
        foreach (var leaf in Leaves(children)) yield return leaf;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
