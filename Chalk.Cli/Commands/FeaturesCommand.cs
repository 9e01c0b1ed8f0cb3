using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Chalk.Cli.Commands;

/// <summary><c>chalk features [--json]</c>: lists every feature with its type, resolver, how it is computed, its max
/// staleness and its documentation summary.</summary>
internal static class FeaturesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var project = CommonOptions.Project();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("features", "List every feature: type, resolver, lifted or per-row, max staleness and description") { project, json };
        command.SetAction((parse, ct) => CommonOptions.RunAsync(error, async () =>
        {
            await using var engine = await CommonOptions.BuildEngineAsync(parse.GetValue(project), ct).ConfigureAwait(false);
            var features = engine.DescribeFeatures();
            await output.WriteAsync(parse.GetValue(json) ? Json(features) : Table(features)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Table(IReadOnlyList<FeatureDescription> features)
    {
        var rows = features.Select(f => new[]
        {
            f.Path, f.Type, f.Resolver ?? "", f.Computation, f.MaxStaleness is { } s ? Duration(s) : "", f.Description ?? "",
        });
        return TextTable.Render(["feature", "type", "resolver", "computed", "staleness", "description"], rows);
    }

    private static string Json(IReadOnlyList<FeatureDescription> features)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var f in features)
            {
                w.WriteStartObject();
                w.WriteString("feature", f.Path);
                w.WriteString("type", f.Type);
                if (f.Resolver is null) w.WriteNull("resolver");
                else w.WriteString("resolver", f.Resolver);
                w.WriteString("computed", f.Computation);
                if (f.MaxStaleness is { } s) w.WriteString("max_staleness", Duration(s));
                else w.WriteNull("max_staleness");
                if (f.Description is null) w.WriteNull("description");
                else w.WriteString("description", f.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    /// <summary>A staleness as <c>[MaxStaleness]</c> writes it: <c>1h</c>, <c>10m</c>, <c>1d12h</c>, <c>infinity</c>.</summary>
    internal static string Duration(TimeSpan t)
    {
        if (t == TimeSpan.MaxValue || t == Timeout.InfiniteTimeSpan) return "infinity";
        var sb = new StringBuilder();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (t.Days > 0) sb.Append(t.Days.ToString(c)).Append('d');
        if (t.Hours > 0) sb.Append(t.Hours.ToString(c)).Append('h');
        if (t.Minutes > 0) sb.Append(t.Minutes.ToString(c)).Append('m');
        if (t.Seconds > 0 || sb.Length == 0) sb.Append(t.Seconds.ToString(c)).Append('s');
        return sb.ToString();
    }
}
