using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Chalk.Projects;

namespace Chalk.Cli.Commands;

/// <summary><c>chalk query --in name=value … --out name … [--json]</c>: computes features and prints them.</summary>
internal static class QueryCommand
{

    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = CommonOptions.Inputs("Input features as name=value, e.g. review.id=241 (repeatable)");
        var outputs = CommonOptions.Outputs();
        var project = CommonOptions.Project();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("query", "Compute features for one set of inputs") { inputs, outputs, project, json };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            await using var engine = ChalkProject.Load(CommonOptions.ResolveProject(parse.GetValue(project))).BuildEngine();
            var values = InputParser.Parse(engine.Features, parse.GetValue(inputs)!);
            var result = await engine.QueryAsync(values, parse.GetValue(outputs)!, ct).ConfigureAwait(false);
            await output.WriteAsync(parse.GetValue(json) ? Json(result) : result.ToString()).ConfigureAwait(false);
            // The values of a row that does not exist are all null: say so in the exit code, not only in the text.
            return result.Found ? ExitCodes.Success : ExitCodes.RowNotFound;
        }));
        return command;
    }

    /// <summary>A DateTimeOffset feature (an instant) in UTC with a trailing <c>Z</c>, e.g. <c>2024-05-10T07:20:01.0000000Z</c>.</summary>
    internal static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>A DateTime feature as written, with no zone (its kind is unspecified: a wall-clock time, not an instant),
    /// e.g. <c>2024-05-10T07:20:01.0000000</c>; a UTC DateTime gets its <c>Z</c>.</summary>
    internal static string Timestamp(DateTime value) => value.ToString("o", CultureInfo.InvariantCulture);

    private static string Json(OnlineResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("values");
            foreach (var f in result.Features)
            {
                switch (result[f])
                {
                    case null: w.WriteNull(f); break;
                    case bool b: w.WriteBoolean(f, b); break;
                    case int i: w.WriteNumber(f, i); break;
                    case long l: w.WriteNumber(f, l); break;
                    case double d when double.IsFinite(d): w.WriteNumber(f, d); break;
                    case float x when float.IsFinite(x): w.WriteNumber(f, x); break;
                    case DateTime t: w.WriteString(f, Timestamp(t)); break;
                    case DateTimeOffset o: w.WriteString(f, Timestamp(o)); break;
                    case var v: w.WriteString(f, OnlineResult.Format(v)); break;
                }
            }
            w.WriteEndObject();
            w.WriteStartArray("errors");
            foreach (var e in result.Errors)
            {
                w.WriteStartObject();
                w.WriteString("feature", e.Feature);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("missing");
            foreach (var m in result.MissingRows)
            {
                w.WriteStartObject();
                w.WriteString("path", m.Path);
                w.WriteString("key_feature", m.KeyFeature);
                if (m.Key is null) w.WriteNull("key");
                else w.WriteString("key", OnlineResult.Format(m.Key));
                w.WriteString("message", m.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }
}
