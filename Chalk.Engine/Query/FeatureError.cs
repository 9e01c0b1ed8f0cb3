namespace Chalk;

/// <summary>A feature that could not be computed for one row: the value is null and this says why.</summary>
/// <param name="Feature">The feature path, e.g. <c>review.sentiment_score</c>.</param>
/// <param name="Row">The 0-based input row.</param>
/// <param name="Message">What failed, naming the resolver.</param>
public sealed record FeatureError(string Feature, int Row, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Feature} (row {Row}): {Message}";
}
