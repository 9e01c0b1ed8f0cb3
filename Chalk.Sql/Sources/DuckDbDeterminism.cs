using System.Text.Json;
using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>Whether a statement gives the same rows every time it runs over the same stored tables, so that its rows
/// read once can stand for every later run (<see cref="DuckDbSource.InMemoryRows"/>).</summary>
/// <remarks>
/// The statement's syntax tree (<c>json_serialize_sql</c>) is walked: every function it calls must be one DuckDB
/// declares <c>CONSISTENT</c> for all its overloads (<c>random()</c>, <c>nextval</c> and <c>now()</c> are not, nor is a
/// macro, whose body is not seen), no bare <c>current_timestamp</c>-like keyword may appear, and no table it names may
/// be a view (a view's body is not in the tree). Anything unknown answers false: the rows are then read from DuckDB
/// each time, as without the setting.
/// </remarks>
internal static class DuckDbDeterminism
{
    private static readonly HashSet<string> TimeKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_localtimestamp",
    };

    /// <summary>True when every function <paramref name="sql"/> calls is consistent and it reads no view.</summary>
    /// <param name="connection">A connection of the database, not in use by anyone else.</param>
    /// <param name="sql">The statement, without parameters.</param>
    public static bool IsDeterministic(DuckDBConnection connection, string sql)
    {
        try
        {
            using var tree = JsonDocument.Parse(Scalar(connection, "select json_serialize_sql($1::VARCHAR)", sql) ?? "");
            if (!tree.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.False) return false;
            var functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (!Walk(tree.RootElement, functions, tables)) return false;
            foreach (var name in functions)
            {
                if (Scalar(connection, "select count(*) filter (where stability = 'CONSISTENT') = count(*) and count(*) > 0 from duckdb_functions() where function_name = $1", name) != "True")
                    return false;
            }
            foreach (var table in tables)
            {
                if (Scalar(connection, "select count(*) > 0 from duckdb_views() where not internal and lower(view_name) = lower($1)", table) != "False")
                    return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is DuckDBException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    // False when the tree holds a time keyword read as a column.
    private static bool Walk(JsonElement node, HashSet<string> functions, HashSet<string> tables)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    if (!Walk(item, functions, tables)) return false;
                }
                return true;
            case JsonValueKind.Object:
                string? cls = node.TryGetProperty("class", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                string? type = node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (node.TryGetProperty("function_name", out var f) && f.ValueKind == JsonValueKind.String) functions.Add(f.GetString()!);
                if (type == "BASE_TABLE" && node.TryGetProperty("table_name", out var tn) && tn.ValueKind == JsonValueKind.String) tables.Add(tn.GetString()!);
                if (cls == "COLUMN_REF" && node.TryGetProperty("column_names", out var names) && names.ValueKind == JsonValueKind.Array
                    && names.GetArrayLength() == 1 && TimeKeywords.Contains(names[0].GetString() ?? ""))
                    return false;
                foreach (var property in node.EnumerateObject())
                {
                    if (!Walk(property.Value, functions, tables)) return false;
                }
                return true;
            default:
                return true;
        }
    }

    private static string? Scalar(DuckDBConnection connection, string sql, string parameter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new DuckDBParameter(parameter));
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
