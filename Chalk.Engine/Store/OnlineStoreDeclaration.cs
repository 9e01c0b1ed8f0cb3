using System.Globalization;

namespace Chalk.Store;

/// <summary>The online store as a <c>chalk.json</c> declares it under <c>"onlineStore"</c>, handed to its kind's
/// <see cref="OnlineStoreProvider"/>: the kind, the settings, the project folder and the clock.</summary>
/// <remarks>The helpers read a setting and word a mistake the same way for every kind, naming <c>"onlineStore"</c> and
/// the setting.</remarks>
/// <param name="kind">The kind, lower case.</param>
/// <param name="settings">The settings other than <c>kind</c>, already free of <c>${ENV}</c> references.</param>
/// <param name="baseDirectory">The folder relative paths are resolved against.</param>
/// <param name="timeProvider">The clock entries age by; <see cref="TimeProvider.System"/> when null.</param>
public sealed class OnlineStoreDeclaration(string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory, TimeProvider? timeProvider = null)
{
    /// <summary>The kind, lower case.</summary>
    public string Kind { get; } = kind ?? throw new ArgumentNullException(nameof(kind));

    /// <summary>The settings by key (case-sensitive).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>The folder relative paths are resolved against.</summary>
    public string BaseDirectory { get; } = baseDirectory ?? throw new ArgumentNullException(nameof(baseDirectory));

    /// <summary>The clock entries age by.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider ?? TimeProvider.System;

    /// <summary>The setting <paramref name="key"/>, or null when it is not given.</summary>
    public string? Optional(string key) => Settings.TryGetValue(key, out var value) ? value : null;

    /// <summary>The setting <paramref name="key"/>, which must be given and not blank.</summary>
    /// <param name="key">The setting.</param>
    /// <param name="example">A sample of the setting for the message, e.g. <c>"path": "online-store.db"</c>.</param>
    /// <exception cref="ChalkDefinitionException">It is missing or blank.</exception>
    public string Required(string key, string? example = null)
        => Settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v)
            ? v
            : throw new ChalkDefinitionException($"\"onlineStore\" of kind '{Kind}' needs setting '{key}'{(example is null ? "" : ", e.g. " + example)}") { NamesDeclaration = true };

    /// <summary>The setting <paramref name="key"/> as a whole number from 1 to <paramref name="max"/>.</summary>
    /// <exception cref="ChalkDefinitionException">It is not.</exception>
    public long WholeNumber(string key, string text, long max)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max) return n;
        throw Error($"setting '{key}' must be a positive whole number up to {max}, not '{text}'");
    }

    /// <summary>The full path of the file that setting <paramref name="key"/> names, relative to <see cref="BaseDirectory"/>.</summary>
    /// <exception cref="ChalkDefinitionException">The setting is missing, or is not a usable path.</exception>
    public string FullPath(string key, string? example = null)
    {
        var path = Required(key, example);
        try
        {
            return Path.GetFullPath(Path.Combine(BaseDirectory, path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Error($"setting '{key}' is not a usable file path: {ex.Message}", ex);
        }
    }

    /// <summary>A definition error about the online store: the message is prefixed with <c>"onlineStore": </c>.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ChalkDefinitionException Error(string message, Exception? inner = null) => new($"\"onlineStore\": {message}", inner: inner) { NamesDeclaration = true };
}
