using Chalk.Definitions;

namespace Chalk;

/// <summary>The time window of a windowed feature: the interval that ends at the query's time.</summary>
/// <param name="Start">The window's first instant (inclusive).</param>
/// <param name="End">The query's time (inclusive).</param>
public readonly record struct Window(DateTime Start, DateTime End)
{
    /// <summary>How long the window is: <see cref="End"/> minus <see cref="Start"/>.</summary>
    public TimeSpan Length => End - Start;

    /// <summary>The window of <paramref name="length"/> that ends now (UTC), e.g. <c>Window.Of("30d")</c>.</summary>
    /// <param name="length">A positive whole number and a unit, as in <see cref="WindowedAttribute"/>: <c>s</c>, <c>m</c>,
    /// <c>h</c>, <c>d</c> or <c>w</c>.</param>
    /// <remarks>In a typed feature reference it names the window of that length:
    /// <c>Feature.Of&lt;Product&gt;(p =&gt; p.ReviewCount(Window.Of("30d")))</c> is <c>product.review_count[30d]</c>. Called
    /// directly, it is a window a unit test can pass to a windowed method.</remarks>
    /// <exception cref="ArgumentException"><paramref name="length"/> is not a window length.</exception>
    public static Window Of(string length)
    {
        ArgumentNullException.ThrowIfNull(length);
        return Of(FeatureWindow.Parse(length, out var error) ?? throw new ArgumentException(error, nameof(length)));
    }

    /// <summary>The window of <paramref name="length"/> that ends now (UTC), e.g. <c>Window.Of(TimeSpan.FromDays(30))</c>.</summary>
    /// <param name="length">A positive length.</param>
    /// <remarks>In a typed feature reference it names the window of the method's <see cref="WindowedAttribute"/> with
    /// the same length, whatever its label (<c>TimeSpan.FromHours(720)</c> names <c>[30d]</c>).</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is zero or negative.</exception>
    public static Window Of(TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        var now = DateTime.UtcNow;
        return new Window(now - length, now);
    }
}
