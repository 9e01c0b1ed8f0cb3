using System.Collections;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Checks <c>OnlineResult.MissingRows</c> / <c>BatchResult.MissingRows</c> (MISSING_ROWS.md) against the oracle.</summary>
/// <remarks>Read through reflection (the harness was written before the API); a result without it is a failure.</remarks>
internal static class MissingRowCheck
{
    /// <summary>A result type without a MissingRows property is a failure.</summary>
    public const bool Required = true;

    public static void Compare(string path, string where, object result, int row, IReadOnlySet<ExpectedMissingRow> expected, bool complete, List<Discrepancy> found)
    {
        var property = result.GetType().GetProperty("MissingRows");
        if (property is null)
        {
            if (Required) found.Add(new Discrepancy(path, true, $"{result.GetType().Name} has no MissingRows"));
            return;
        }
        var listed = new List<ExpectedMissingRow>();
        foreach (var item in (IEnumerable)property.GetValue(result)!)
        {
            var t = item.GetType();
            if ((int)t.GetProperty("Row")!.GetValue(item)! != row) continue;
            listed.Add(new ExpectedMissingRow((string)t.GetProperty("Path")!.GetValue(item)!, (string)t.GetProperty("KeyFeature")!.GetValue(item)!,
                t.GetProperty("Key")!.GetValue(item)));
        }
        foreach (var e in expected.Where(e => !listed.Contains(e)))
            found.Add(new Discrepancy(path, true, $"{where}: MissingRows lacks {e} (listed: {Show(listed)})"));
        var expectedPaths = expected.Select(e => e.Path).ToHashSet();
        var rootPath = where.Split('.')[0];
        // Below a missing root nothing else is listed ("the cause upstream is listed once").
        bool rootMissing = expected.Any(e => e.Path == rootPath);
        foreach (var l in listed.Where(l => !expected.Contains(l) && (expectedPaths.Contains(l.Path) || l.Path == rootPath || complete || rootMissing)))
            found.Add(new Discrepancy(path, !complete, $"{where}: MissingRows lists {l}, which is not missing (expected: {Show(expected)})"));
    }

    private static string Show(IEnumerable<ExpectedMissingRow> rows) =>
        "[" + string.Join("; ", rows.Select(r => $"{r.Path} {r.KeyFeature} = {GraphSource.Show(r.Key)}")) + "]";
}
