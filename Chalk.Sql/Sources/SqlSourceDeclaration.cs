using System.Globalization;

namespace Chalk.Sql.Sources;

/// <summary>A source as a <c>chalk.json</c> declares it, handed to its kind's <see cref="SqlSourceProvider"/>: its name,
/// kind and settings, and the folder that relative paths are resolved against.</summary>
/// <remarks>The helpers read a setting and word a mistake the same way for every kind, naming the source and the
/// setting.</remarks>
/// <param name="name">The source's name (the key under <c>"sources"</c>), for messages.</param>
/// <param name="kind">The kind, as written.</param>
/// <param name="settings">The settings other than <c>kind</c> and <c>seed</c>, already free of <c>${ENV}</c> references.</param>
/// <param name="baseDirectory">The project folder.</param>
public sealed class SqlSourceDeclaration(string name, string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory)
{
    /// <summary>The source's name.</summary>
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The kind, as written.</summary>
    public string Kind { get; } = kind ?? throw new ArgumentNullException(nameof(kind));

    /// <summary>The settings by key (case-sensitive).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The folder relative paths are resolved against.</summary>
    public string BaseDirectory { get; } = baseDirectory ?? throw new ArgumentNullException(nameof(baseDirectory));

    /// <summary>The setting <paramref name="key"/>, or null when it is not given.</summary>
    public string? Optional(string key) => Settings.TryGetValue(key, out var value) ? value : null;

    /// <summary>The setting <paramref name="key"/>, which must be given and not blank.</summary>
    /// <exception cref="ChalkDefinitionException">It is missing or blank.</exception>
    public string Required(string key)
        => Settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v)
            ? v
            : throw new ChalkDefinitionException($"source '{Name}' of kind '{Kind}' needs setting '{key}'") { NamesDeclaration = true };

    /// <summary>The setting <paramref name="key"/> as a positive whole number, or null when it is not given.</summary>
    /// <exception cref="ChalkDefinitionException">It is not a positive whole number.</exception>
    public int? PositiveInteger(string key)
    {
        if (!Settings.TryGetValue(key, out var text)) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw Error($"setting '{key}' must be a positive whole number, not '{text}'");
    }

    /// <summary>The setting <paramref name="key"/> as a positive whole number of seconds, or null when it is not given.</summary>
    /// <exception cref="ChalkDefinitionException">It is not a positive whole number.</exception>
    public TimeSpan? Seconds(string key) => PositiveInteger(key) is int n ? TimeSpan.FromSeconds(n) : null;

    /// <summary>Refuses a setting outside <paramref name="known"/>, naming it, the nearest known one and the kind's settings.</summary>
    /// <exception cref="ChalkDefinitionException">A setting is not one of <paramref name="known"/>.</exception>
    public void RejectUnknown(IReadOnlyCollection<string> known)
    {
        if (SettingNames.Unknown(Settings.Keys, known, Kind) is { } unknown) throw Error(unknown);
    }

    /// <summary>The full path of <paramref name="path"/>, relative to <see cref="BaseDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>A definition error about this source: the message is prefixed with its name.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ChalkDefinitionException Error(string message, Exception? inner = null) => new($"source '{Name}': {message}", inner: inner) { NamesDeclaration = true };
}
