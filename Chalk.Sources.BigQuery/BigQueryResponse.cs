using System.Text.Json;

namespace Chalk.Sql.Sources;

/// <summary>A result column as the response schema describes it.</summary>
internal sealed record BigQueryField(string Name, string Type, string Mode);

/// <summary>One page of rows: the schema (when the response had one) and each row's cells as BigQuery's strings.</summary>
internal sealed record BigQueryPage(IReadOnlyList<BigQueryField>? Fields, List<string?[]> Rows);

/// <summary>The parts of a jobs.query / jobs.getQueryResults response the source reads.</summary>
internal sealed record BigQueryResponse(bool JobComplete, string? JobId, string? Location, string? PageToken, BigQueryPage Page)
{
    public static BigQueryResponse Parse(byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new JsonException("the response is not a JSON object");
        bool complete = root.TryGetProperty("jobComplete", out var c) && c.ValueKind == JsonValueKind.True;
        string? jobId = null, location = null;
        if (root.TryGetProperty("jobReference", out var job) && job.ValueKind == JsonValueKind.Object)
        {
            jobId = String(job, "jobId");
            location = String(job, "location");
        }
        List<BigQueryField>? fields = null;
        if (root.TryGetProperty("schema", out var schema) && schema.TryGetProperty("fields", out var fs) && fs.ValueKind == JsonValueKind.Array)
        {
            fields = [];
            foreach (var f in fs.EnumerateArray())
                fields.Add(new BigQueryField(String(f, "name") ?? "", String(f, "type") ?? "", String(f, "mode") ?? "NULLABLE"));
        }
        var rows = new List<string?[]>();
        if (root.TryGetProperty("rows", out var rs) && rs.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in rs.EnumerateArray())
            {
                var cells = r.GetProperty("f");
                var values = new string?[cells.GetArrayLength()];
                int i = 0;
                foreach (var cell in cells.EnumerateArray())
                {
                    var v = cell.TryGetProperty("v", out var value) ? value : default;
                    values[i++] = v.ValueKind switch
                    {
                        JsonValueKind.Null or JsonValueKind.Undefined => null,
                        JsonValueKind.String => v.GetString(),
                        _ => v.GetRawText(),
                    };
                }
                rows.Add(values);
            }
        }
        if (complete && fields is null && root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            throw new JsonException("the job completed with errors: " + errors.GetRawText());
        return new BigQueryResponse(complete, jobId, location, String(root, "pageToken") is { Length: > 0 } t ? t : null, new BigQueryPage(fields, rows));
    }

    private static string? String(JsonElement e, string name)
        => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
