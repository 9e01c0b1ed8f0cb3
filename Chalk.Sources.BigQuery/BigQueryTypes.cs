using System.Globalization;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Arrow;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

/// <summary>BigQuery's request and response encodings mapped to and from the engine's Arrow types.</summary>
internal static class BigQueryTypes
{
    public static string ParameterName(int slot) => "@p" + (slot + 1).ToString(CultureInfo.InvariantCulture);

    public static string TypeName(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Boolean => "BOOL",
        ArrowTypeId.Int32 or ArrowTypeId.Int64 => "INT64",
        ArrowTypeId.Float or ArrowTypeId.Double => "FLOAT64",
        ArrowTypeId.String => "STRING",
        ArrowTypeId.Timestamp => "TIMESTAMP",
        _ => throw new NotSupportedException($"no BigQuery parameter type for Arrow {type.Name}"),
    };

    /// <summary>The jobs.query request body for parameter row <paramref name="row"/>.</summary>
    public static byte[] QueryRequest(string text, SqlQuery query, RecordBatch parameters, int row, BigQuerySourceOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("query", text);
            json.WriteBoolean("useLegacySql", false);
            json.WriteString("parameterMode", "NAMED");
            json.WriteStartArray("queryParameters");
            for (int i = 0; i < query.Template.ParameterCount; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", ParameterName(i)[1..]);
                json.WriteStartObject("parameterType");
                json.WriteString("type", TypeName(query.ParameterTypes[i]));
                json.WriteEndObject();
                json.WriteStartObject("parameterValue");
                // A NULL parameter is a parameterValue without a value.
                if (Format(ArrowValues.Get(parameters.Column(i), row)) is { } value) json.WriteString("value", value);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("timeoutMs", (long)options.PollTimeout.TotalMilliseconds);
            json.WriteNumber("maxResults", options.PageSize);
            if (options.Location is not null) json.WriteString("location", options.Location);
            // Makes a retried request idempotent on the server.
            json.WriteString("requestId", Guid.NewGuid().ToString());
            json.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00:00",
        _ => throw new NotSupportedException($"cannot bind a {value.GetType().Name} parameter to BigQuery"),
    };

    /// <summary>The result of every parameter row's pages, as Arrow batches tagged with the row index.</summary>
    public static SqlResult Build(SqlQuery query, string source, BigQueryPage[][] pagesPerRow)
    {
        var fields = pagesPerRow.SelectMany(p => p).Select(p => p.Fields).FirstOrDefault(f => f is not null)
            ?? throw new ChalkResolverException($"{query.Origin}: {source} returned no schema for the query", false);
        var types = new IArrowType[fields.Count];
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Mode == "REPEATED") throw SourceErrors.UnsupportedColumn(query, source, fields[i].Name, "REPEATED " + fields[i].Type);
            types[i] = ArrowTypeOf(query, source, fields[i]);
        }
        var builder = new ResultBatchBuilder(fields.Select(f => f.Name).ToArray(), types);
        for (int row = 0; row < pagesPerRow.Length; row++)
        {
            foreach (var page in pagesPerRow[row])
            {
                foreach (var cells in page.Rows)
                {
                    if (cells.Length != fields.Count)
                    {
                        builder.Abandon();
                        throw new ChalkResolverException($"{query.Origin}: {source} returned a row of {cells.Length} cells for {fields.Count} columns", false);
                    }
                    builder.BeginRow(row);
                    for (int c = 0; c < cells.Length; c++)
                    {
                        try
                        {
                            builder.Column(c).Append(cells[c] is null ? null : Parse(fields[c].Type, cells[c]!));
                        }
                        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
                        {
                            builder.Abandon();
                            throw SourceErrors.BadValue(query, source, fields[c].Name, fields[c].Type, ex);
                        }
                    }
                }
            }
        }
        return builder.Build();
    }

    /// <summary>The resolver exception for an HTTP error response, transient for 5xx, 429 and retryable reasons.</summary>
    public static ChalkResolverException ErrorFrom(SqlQuery query, string source, int status, byte[] payload)
    {
        string message = System.Text.Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 500));
        string? reason = null, canonical = null;
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                if (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString()!;
                if (error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String) canonical = s.GetString();
                if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var e in errors.EnumerateArray())
                    {
                        if (e.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String) { reason = r.GetString(); break; }
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not an error payload (a proxy's HTML page, say): the raw text is the message.
        }
        bool transient = status >= 500 || status is 429 or 408 || reason is "backendError" or "rateLimitExceeded" or "internalError";
        return SourceErrors.Failed(query, source, transient, new BigQueryException(status, reason, canonical, message));
    }

    private static IArrowType ArrowTypeOf(SqlQuery query, string source, BigQueryField field) => field.Type switch
    {
        "INTEGER" or "INT64" => Int64Type.Default,
        "FLOAT" or "FLOAT64" or "NUMERIC" or "BIGNUMERIC" => DoubleType.Default,
        "BOOLEAN" or "BOOL" => BooleanType.Default,
        "STRING" => StringType.Default,
        "TIMESTAMP" or "DATETIME" or "DATE" => ArrowTypes.Timestamp,
        _ => throw SourceErrors.UnsupportedColumn(query, source, field.Name, field.Type),
    };

    private static object Parse(string type, string text) => type switch
    {
        "INTEGER" or "INT64" => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        "FLOAT" or "FLOAT64" or "NUMERIC" or "BIGNUMERIC" => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        "BOOLEAN" or "BOOL" => text switch
        {
            "true" or "TRUE" => true,
            "false" or "FALSE" => false,
            _ => throw new FormatException($"'{text}' is not a BOOL"),
        },
        "TIMESTAMP" => ArrowTypes.FromUnixMicroseconds(TimestampMicros(text)),
        "DATETIME" or "DATE" => ArrowTypes.TryParseTimestamp(text, out var t) ? t : throw new FormatException($"'{text}' is not a {type}"),
        _ => text,
    };

    // TIMESTAMP cells are seconds since the epoch as a decimal string, often in E-notation ("1.709251200123456E9");
    // decimal parsing keeps every microsecond digit that a double would round.
    private static long TimestampMicros(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return checked(whole * 1_000_000);
        var seconds = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (long)decimal.Round(seconds * 1_000_000m, MidpointRounding.ToEven);
    }
}
