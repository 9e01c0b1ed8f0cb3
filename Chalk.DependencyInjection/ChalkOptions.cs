using System.Globalization;
using Chalk.Projects;
using Microsoft.Extensions.Configuration;

namespace Chalk;

/// <summary>Engine settings read from configuration (<c>appsettings.json</c>, environment variables, …) by
/// <c>services.AddChalk(configuration.GetSection("Chalk"))</c>.</summary>
/// <example><code>
/// { "Chalk": { "Project": "resolvers/marketplace", "MaxDegreeOfParallelism": 4 } }
/// </code></example>
public sealed class ChalkOptions
{
    /// <summary>The configuration section these options are usually read from: <c>Chalk</c>.</summary>
    public const string SectionName = "Chalk";

    /// <summary>A folder with a <c>chalk.json</c> (<see cref="ChalkProject"/>) whose features, sources and online store the
    /// engine is built from; relative to the current directory. Null: the engine has only what the configure callback adds.</summary>
    public string? Project { get; set; }

    /// <summary>The cores the per-row fallback may use for one query; null for all (<see cref="ChalkEngineBuilder.WithMaxDegreeOfParallelism"/>).</summary>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>The largest estimated per-row work of a lifted C# body; null for the default (<see cref="ChalkEngineBuilder.WithLiftGasLimit"/>).</summary>
    public int? LiftGasLimit { get; set; }

    /// <summary>Whether C# resolvers and computed properties are lifted to vectorized IR (the default); false runs them per row
    /// (<see cref="ChalkEngineBuilder.DisableLifting"/>).</summary>
    public bool Lifting { get; set; } = true;

    /// <summary>Reads the options from a configuration section: keys <c>Project</c>, <c>MaxDegreeOfParallelism</c>,
    /// <c>LiftGasLimit</c> and <c>Lifting</c>; absent keys keep their defaults.</summary>
    /// <param name="configuration">The section, e.g. <c>configuration.GetSection("Chalk")</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is null.</exception>
    /// <exception cref="ChalkDefinitionException">A key's value is not of its type or out of range (the message names the key), or
    /// a key is not one of these (a typo would otherwise be ignored).</exception>
    public static ChalkOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ChalkOptions();
        foreach (var entry in configuration.GetChildren())
        {
            string key = entry.Key;
            string? value = entry.Value;
            switch (key.ToUpperInvariant())
            {
                case "PROJECT": options.Project = string.IsNullOrWhiteSpace(value) ? null : value; break;
                case "MAXDEGREEOFPARALLELISM": options.MaxDegreeOfParallelism = Positive(entry, value); break;
                case "LIFTGASLIMIT": options.LiftGasLimit = Positive(entry, value); break;
                case "LIFTING": options.Lifting = Boolean(entry, value); break;
                default:
                    throw new ChalkDefinitionException(
                        $"configuration key '{entry.Path}' is not a Chalk option; the options are Project, MaxDegreeOfParallelism, LiftGasLimit and Lifting");
            }
        }
        return options;
    }

    /// <summary>Applies the settings other than <see cref="Project"/> to a builder.</summary>
    internal void ApplyTo(ChalkEngineBuilder builder)
    {
        if (MaxDegreeOfParallelism is { } cores) builder.WithMaxDegreeOfParallelism(cores);
        if (LiftGasLimit is { } gas) builder.WithLiftGasLimit(gas);
        if (!Lifting) builder.DisableLifting();
    }

    private static int Positive(IConfigurationSection entry, string? value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n
            : throw new ChalkDefinitionException($"configuration key '{entry.Path}' is '{value}'; it must be a whole number of at least 1");

    private static bool Boolean(IConfigurationSection entry, string? value)
        => bool.TryParse(value, out bool b) ? b : throw new ChalkDefinitionException($"configuration key '{entry.Path}' is '{value}'; it must be true or false");
}
