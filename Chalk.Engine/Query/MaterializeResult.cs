namespace Chalk;

/// <summary>What <see cref="ChalkEngine.MaterializeAsync(Apache.Arrow.RecordBatch, IReadOnlyList{string}, CancellationToken)"/> wrote.</summary>
/// <param name="Rows">The input rows.</param>
/// <param name="Written">The values written to the online store: each output, and each feature with a max staleness computed on the way, per row whose row exists and whose
/// features all computed.</param>
/// <param name="Errors">The features that failed, per row; nothing of a row with an error is written.</param>
/// <param name="MissingRows">The rows that do not exist; nothing is written for them.</param>
public sealed record MaterializeResult(int Rows, int Written, IReadOnlyList<FeatureError> Errors, IReadOnlyList<MissingRow> MissingRows)
{
    /// <summary>E.g. <c>MaterializeResult { Rows = 1000, Written = 3000, Errors = 0, MissingRows = 2 }</c>.</summary>
    public override string ToString() => $"MaterializeResult {{ Rows = {Rows}, Written = {Written}, Errors = {Errors.Count}, MissingRows = {MissingRows.Count} }}";
}
