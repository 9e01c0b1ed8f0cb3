using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chalk.Projects;

/// <summary><c>chalk.json</c> as written: feature assemblies, the SQL resolver folder, sources by name, and the online store.</summary>
internal sealed class ProjectFile
{
    public string[]? Features { get; set; }

    public string? Resolvers { get; set; }

    public Dictionary<string, Dictionary<string, string>>? Sources { get; set; }

    // Elements rather than strings, so that a bound can be written as a JSON number ("maxEntries": 100000).
    public Dictionary<string, JsonElement>? OnlineStore { get; set; }
}

/// <summary>The JSON reader of <see cref="ProjectFile"/>, generated at compile time so it needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ProjectFile))]
internal sealed partial class ProjectFileJson : JsonSerializerContext;
