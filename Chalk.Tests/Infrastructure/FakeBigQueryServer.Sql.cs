using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Chalk.Tests.Infrastructure;

public sealed partial class FakeBigQueryServer
{
    private static readonly HashSet<string> s_scalarTypes = ["INT64", "FLOAT64", "BOOL", "STRING", "TIMESTAMP"];

    // Named parameters as BigQuery validates them: NAMED mode, scalar types, a value that parses, every @name bound.
    private static Dictionary<string, object?> ReadParameters(JsonElement body, string sql)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (body.TryGetProperty("queryParameters", out var ps) && ps.ValueKind == JsonValueKind.Array && ps.GetArrayLength() > 0)
        {
            if (!body.TryGetProperty("parameterMode", out var mode) || mode.GetString() != "NAMED")
                throw new FakeError(400, "invalid", "queryParameters need parameterMode NAMED (the fake does not do POSITIONAL)");
            foreach (var p in ps.EnumerateArray())
            {
                var name = p.TryGetProperty("name", out var n) ? n.GetString() : null;
                if (name is null || !ParameterNameRule().IsMatch(name)) throw new FakeError(400, "invalid", $"Invalid query parameter name: {name}");
                if (!p.TryGetProperty("parameterType", out var pt) || !pt.TryGetProperty("type", out var t) || !s_scalarTypes.Contains(t.GetString()!))
                    throw new FakeError(400, "invalid", $"Query parameter '{name}' has a missing or unsupported parameterType");
                if (!p.TryGetProperty("parameterValue", out var pv) || pv.ValueKind != JsonValueKind.Object)
                    throw new FakeError(400, "invalid", $"Query parameter '{name}' has no parameterValue object");
                object? value = null;
                if (pv.TryGetProperty("value", out var v))
                {
                    if (v.ValueKind != JsonValueKind.String) throw new FakeError(400, "invalid", $"Query parameter '{name}': parameterValue.value must be a string");
                    value = ParseParameter(name, t.GetString()!, v.GetString()!);
                }
                if (!result.TryAdd(name, value)) throw new FakeError(400, "invalid", $"Duplicate query parameter '{name}'");
            }
        }
        foreach (Match m in ParameterReference().Matches(StripLiterals(sql)))
        {
            if (!result.ContainsKey(m.Groups[1].Value))
                throw new FakeError(400, "invalidQuery", $"Query parameter '{m.Groups[1].Value}' not found at [1:{m.Index + 1}]");
        }
        return result;
    }

    private static object ParseParameter(string name, string type, string text)
    {
        try
        {
            return type switch
            {
                "INT64" => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                "FLOAT64" => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
                "BOOL" => text switch { "true" => true, "false" => false, _ => throw new FormatException() },
                "STRING" => text,
                _ => DateTime.ParseExact(text, ["yyyy-MM-dd HH:mm:ss.FFFFFFzzz", "yyyy-MM-dd HH:mm:ssZ", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz"],
                    CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
            };
        }
        catch (FormatException)
        {
            throw new FakeError(400, "invalid", $"Query parameter '{name}': invalid {type} value '{text}'");
        }
    }

    // GoogleSQL → DuckDB: @name binds become $name, `quoted` identifiers become "quoted".
    private (List<string> Fields, List<string> Types, List<string?[]> Rows) Run(string sql, Dictionary<string, object?> parameters)
    {
        // A STRING is bound as its UTF-8 bytes and decoded in the statement: DuckDB.NET would cut a string parameter at NUL,
        // and BigQuery compares STRINGs with their NULs.
        var duck = ParameterReference().Replace(ToDuckIdentifiers(sql),
            m => parameters.TryGetValue(m.Groups[1].Value, out var v) && v is string ? "decode($" + m.Groups[1].Value + ")" : "$" + m.Groups[1].Value);
        lock (_dbLock)
        {
            try
            {
                using var command = _db.CreateCommand();
                command.CommandText = duck;
                foreach (var (name, value) in parameters)
                {
                    if (Regex.IsMatch(duck, @"\$" + Regex.Escape(name) + @"\b", RegexOptions.IgnoreCase))
                        command.Parameters.Add(new DuckDBParameter(name, (value is string text ? Encoding.UTF8.GetBytes(text) : value) ?? DBNull.Value));
                }
                using var reader = command.ExecuteReader();
                var fields = new List<string>();
                var types = new List<string>();
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    fields.Add(reader.GetName(i));
                    types.Add(BigQueryType(reader.GetFieldType(i)));
                }
                var rows = new List<string?[]>();
                while (reader.Read())
                {
                    var row = new string?[reader.FieldCount];
                    for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : Cell(reader.GetValue(i));
                    rows.Add(row);
                }
                return (fields, types, rows);
            }
            catch (DuckDBException e)
            {
                throw new FakeError(400, "invalidQuery", e.Message + " at [1:1]");
            }
        }
    }

    private static string BigQueryType(Type type) => type switch
    {
        _ when type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte) => "INTEGER",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "FLOAT",
        _ when type == typeof(bool) => "BOOLEAN",
        _ when type == typeof(string) => "STRING",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "TIMESTAMP",
        _ => throw new FakeError(400, "invalidQuery", $"the fake cannot return a column of CLR type {type.Name}"),
    };

    private static string Cell(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => Seconds((t.Ticks - DateTime.UnixEpoch.Ticks) / 10),
        DateTimeOffset o => Seconds((o.UtcTicks - DateTime.UnixEpoch.Ticks) / 10),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    // BigQuery writes TIMESTAMP cells as seconds in E-notation with up to 16 significant digits: "1.709251200123456E9".
    private static string Seconds(long micros)
    {
        var digits = (micros < 0 ? -micros : micros).ToString(CultureInfo.InvariantCulture).PadLeft(7, '0');
        int exponent = digits.Length - 7;
        var mantissa = (digits[..1] + "." + digits[1..]).TrimEnd('0').TrimEnd('.');
        return (micros < 0 ? "-" : "") + mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static string ToDuckIdentifiers(string sql)
    {
        var sb = new StringBuilder(sql.Length);
        bool inString = false;
        foreach (char c in sql)
        {
            if (c == '\'') inString = !inString;
            sb.Append(!inString && c == '`' ? '"' : c);
        }
        return sb.ToString();
    }

    private static string StripLiterals(string sql) => Regex.Replace(sql, "'(?:[^'\\\\]|\\\\.|'')*'", "''");

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParameterNameRule();
}
