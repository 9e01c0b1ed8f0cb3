using System.Text.Json;
using Chalk.Definitions;
using Chalk.Projects;
using Chalk.Resolvers;
using Chalk.Sql.Files;
using Chalk.Sql.Sources;
using Chalk.Store;

namespace Chalk.Tests.Docs;

/// <summary>Checks ```sql and ```json blocks: <c>.chalk.sql</c> files are parsed (and bound when they resolve one of the
/// example's classes), <c>chalk.json</c> files are loaded by the project loader, other JSON must parse.</summary>
internal static class DataBlocks
{
    private static readonly JsonDocumentOptions s_json = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>What was checked, or a failure.</summary>
    public static string CheckSql(CodeBlock block, FeatureRegistry example, SqlSource exampleSource, List<string> errors)
    {
        if (!block.Text.Split('\n').Any(l => l.TrimStart().StartsWith("-- resolves:", StringComparison.Ordinal)))
        {
            errors.Add($"{block.Where}: a ```sql block is either a .chalk.sql file (with a '-- resolves:' header) or marked <!-- illustration -->");
            return "";
        }
        try
        {
            var file = SqlResolverParser.Parse($"{block.Doc}:{block.Line}", block.Text);
            if (example.FindClassByAnyName(file.Resolves.Value) is null) return "parsed";
            var sources = new Dictionary<string, SqlSource>(StringComparer.Ordinal) { [file.Source?.Value ?? "marketplace"] = exampleSource };
            SqlResolverBinder.Bind(file, example, sources);
            return "parsed and bound to the example";
        }
        catch (ChalkException ex)
        {
            errors.Add($"{block.Where}: {ex.Message}");
            return "";
        }
    }

    // `chalk query --json` output has "sources" too, but its entries have no "kind".
    private static bool IsChalkJson(JsonElement root)
        => root.ValueKind == JsonValueKind.Object
            && (new[] { "features", "resolvers", "onlineStore" }.Any(k => root.TryGetProperty(k, out _))
                || (root.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Object
                    && sources.EnumerateObject().All(s => s.Value.ValueKind == JsonValueKind.Object && s.Value.TryGetProperty("kind", out _))));

    public static string CheckJson(CodeBlock block, List<string> errors)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(block.Text, s_json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            errors.Add($"{block.Where}: not valid JSON: {ex.Message}");
            return "";
        }
        if (!IsChalkJson(root)) return "parsed";
        // A chalk.json: the loader reads it as a project would.
        var folder = Directory.CreateTempSubdirectory("chalk-docs-json-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, ChalkProject.FileName), block.Text);
            // The example's SQL folder exists in the project it describes; a relative one is made here so the loader's
            // check that it exists passes (an absolute one is left alone and must exist).
            if (root.TryGetProperty("resolvers", out var resolvers) && resolvers.ValueKind == JsonValueKind.String
                && resolvers.GetString() is { Length: > 0 } sql && !Path.IsPathRooted(sql))
                Directory.CreateDirectory(Path.Combine(folder, sql));
            var project = ChalkProject.Load(folder);
            foreach (var (name, s) in project.Sources)
            {
                if (!SqlSourceFactory.Kinds.Contains(s.Kind, StringComparer.OrdinalIgnoreCase))
                    errors.Add($"{block.Where}: source '{name}' has kind '{s.Kind}'; kinds are {string.Join(", ", SqlSourceFactory.Kinds)}");
            }
            // Checked, not opened: a doc's Redis or SQLite file need not exist here, and ${ENV} references stay as written.
            if (project.OnlineStore is { } store) OnlineStoreFactory.Validate(store.Kind, store.Settings, folder);
            return "loaded as chalk.json";
        }
        catch (ChalkException ex)
        {
            errors.Add($"{block.Where}: chalk.json does not load: {ex.Message}");
            return "";
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
