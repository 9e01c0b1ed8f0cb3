namespace Chalk;

/// <summary>Checks the settings a <c>chalk.json</c> entry gives against the ones its kind reads, so a mistyped setting
/// is an error instead of being ignored.</summary>
public static class SettingNames
{
    /// <summary>Why the first setting of <paramref name="given"/> outside <paramref name="known"/> (in ordinal order) is
    /// refused, naming it, the nearest known setting, and the kind's settings; null when every setting is known.</summary>
    /// <param name="given">The settings written.</param>
    /// <param name="known">The settings the kind reads (case-sensitive).</param>
    /// <param name="kind">The kind, for the message.</param>
    public static string? Unknown(IEnumerable<string> given, IReadOnlyCollection<string> known, string kind)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(known);
        var key = given.Where(k => !known.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (key is null) return null;
        var valid = known.Count == 0 ? "it takes no settings" : $"its settings are {string.Join(", ", known)}";
        var near = Suggest.Nearest(key, known);
        return $"unknown setting '{key}' for kind '{kind}'{(near is null ? "" : $" (did you mean '{near}'?)")}; {valid}";
    }
}
