using System.Globalization;

namespace Chalk.Sql.Aggregation;

/// <summary>The small pieces of SQL text the aggregate statement is built from.</summary>
internal static class SqlText
{
    /// <summary>A quoted identifier: the caller's names are used exactly and cannot break out of the quotes.</summary>
    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal of engine-chosen text (messages); never used for data values.</summary>
    public static string Str(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>FILTER (WHERE …)</c> over the conditions that are present, or nothing.</summary>
    public static string Filter(params string?[] conditions)
    {
        var present = conditions.Where(c => c is not null).ToList();
        return present.Count == 0 ? "" : $" FILTER (WHERE {string.Join(" AND ", present)})";
    }

    /// <summary>The conjunction of the conditions that are present, or <c>true</c>.</summary>
    public static string And(params string?[] conditions)
    {
        var present = conditions.Where(c => c is not null).ToList();
        return present.Count == 0 ? "true" : string.Join(" AND ", present.Select(c => "(" + c + ")"));
    }

    public static string Field(string structSql, string field) => $"struct_extract({structSql}, '{field}')";
}
