namespace Chalk;

/// <summary>A row a query reached that does not exist: the root row of an input, or a has-one related row. Every
/// feature read at it is null, no resolver ran for it, and no <see cref="FeatureError"/> is recorded for it.</summary>
/// <param name="Path">Where the row was reached: the root class (<c>review</c>) or a has-one path (<c>review.product</c>).</param>
/// <param name="Row">The 0-based input row.</param>
/// <param name="KeyFeature">The key it was looked up by: the root's primary key input (<c>review.id</c>) or the
/// parent's foreign key (<c>review.product_id</c>).</param>
/// <param name="Key">The key's value, or null when the key itself was null (so there was nothing to look up).</param>
public sealed record MissingRow(string Path, int Row, string KeyFeature, object? Key)
{
    /// <summary>Says which row is missing and why, e.g. <c>review.product: no row for review.product_id = 12</c>.</summary>
    public override string ToString()
        => Key is null
            ? $"{Path}: {KeyFeature} is null, so there is no row"
            : $"{Path}: no row for {KeyFeature} = {OnlineResult.Format(Key)}";
}
