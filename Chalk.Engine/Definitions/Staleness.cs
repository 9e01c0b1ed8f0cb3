namespace Chalk.Definitions;

/// <summary>Max staleness values: how old a stored feature value may be when it is served.</summary>
internal static class Staleness
{
    /// <summary>Cached until replaced (<c>infinity</c>).</summary>
    public static readonly TimeSpan Infinite = TimeSpan.MaxValue;

    /// <summary>Parses <c>30d</c>, <c>0s</c> or <c>infinity</c>; null with <paramref name="error"/> set otherwise.</summary>
    public static TimeSpan? Parse(string? text, out string? error)
    {
        error = null;
        switch (text)
        {
            case "infinity": return Infinite;
            case "0" or "0s" or "0m" or "0h" or "0d" or "0w": return TimeSpan.Zero;
        }
        if (text is not null && FeatureWindow.Parse(text, out _) is { } d) return d;
        error = $"'{text}' is not a max staleness; write a whole number and a unit (s, m, h, d or w), \"0s\" or \"infinity\", e.g. \"30d\"";
        return null;
    }

    /// <summary>Parses a positive duration such as <c>2s</c>, <c>500ms</c> or <c>1h</c> (timeouts); null with <paramref name="error"/> set otherwise.</summary>
    public static TimeSpan? ParseDuration(string text, out string? error)
    {
        error = null;
        if (text.EndsWith("ms", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(0, text.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int ms) && ms > 0)
            return TimeSpan.FromMilliseconds(ms);
        if (FeatureWindow.Parse(text, out _) is { } d) return d;
        error = $"'{text}' is not a duration; write a positive whole number and a unit (ms, s, m, h, d or w), e.g. \"2s\"";
        return null;
    }

    /// <summary>How a staleness is written back, for plans and messages.</summary>
    public static string Format(TimeSpan staleness)
    {
        if (staleness == Infinite) return "infinity";
        if (staleness == TimeSpan.Zero) return "0s";
        foreach (var (unit, suffix) in new[] { (TimeSpan.FromDays(7), "w"), (TimeSpan.FromDays(1), "d"), (TimeSpan.FromHours(1), "h"), (TimeSpan.FromMinutes(1), "m"), (TimeSpan.FromSeconds(1), "s"), (TimeSpan.FromMilliseconds(1), "ms") })
        {
            if (staleness.Ticks % unit.Ticks == 0) return $"{staleness.Ticks / unit.Ticks}{suffix}";
        }
        return staleness.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
    }
}
