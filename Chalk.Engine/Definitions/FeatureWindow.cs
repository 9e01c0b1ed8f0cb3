using System.Globalization;
using System.Reflection;

namespace Chalk.Definitions;

/// <summary>One window of a <see cref="WindowedAttribute"/> method: the method, the window length and its label (e.g. <c>30d</c>).</summary>
public sealed class FeatureWindow
{
    internal FeatureWindow(MethodInfo method, TimeSpan duration, string label)
    {
        Method = method;
        Duration = duration;
        Label = label;
    }

    /// <summary>The method computing the feature from a <see cref="Window"/>.</summary>
    public MethodInfo Method { get; }

    /// <summary>The window's length.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The label as written in the attribute and in the feature name, e.g. <c>30d</c>.</summary>
    public string Label { get; }

    /// <summary>The window ending at <paramref name="asOf"/>.</summary>
    public Window At(DateTime asOf) => new(asOf - Duration, asOf);

    /// <summary>Parses a duration written as a positive whole number and a unit: <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c> or <c>w</c>.</summary>
    /// <returns>The duration, or null with <paramref name="error"/> set.</returns>
    internal static TimeSpan? Parse(string text, out string? error)
    {
        error = null;
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0)
        {
            TimeSpan? unit = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => null,
            };
            if (unit is { } u && n <= TimeSpan.MaxValue.Ticks / u.Ticks) return TimeSpan.FromTicks(n * u.Ticks);
        }
        error = $"'{text}' is not a window length; write a positive whole number and a unit (s, m, h, d or w), e.g. \"30d\"";
        return null;
    }
}
