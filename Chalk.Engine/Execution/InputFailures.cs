using Chalk.Execution.Arrow;
using Chalk.Execution.Nodes;

namespace Chalk.Execution;

/// <summary>A row error flowing along a dependency inside one frame: where a feature a resolver reads failed, the
/// resolver's outputs fail too, with that failure named, instead of being computed from the null the failed column
/// holds.</summary>
/// <remarks>
/// C# never sees a value there: the getter or method would have needed the failed resolver's result, which threw.
/// The rule is conservative: a body that would not have read the failed input on that row (a branch not taken, a
/// short-circuit) fails too. An answer computed from a stand-in null would be a made-up value.
/// </remarks>
internal static class InputFailures
{
    /// <summary><paramref name="output"/> with every row where an input of <paramref name="node"/> failed nulled and
    /// failed with the input's error (the node's own errors there dropped); unchanged when no input failed. Rows
    /// <paramref name="gate"/> says do not exist are left alone (their outputs are null and carry no error).</summary>
    public static NodeOutput Apply(PhysicalNode node, NodeOutput output, FrameState state, Apache.Arrow.IArrowArray? gate = null)
    {
        if (!node.FailsWhereInputsFail || state.Errors.IsEmpty) return output;
        var inputs = node.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var failed = new SortedDictionary<int, FeatureError>();
        foreach (var e in state.Errors)
        {
            if (inputs.Contains(e.Feature) && (gate is null || gate.IsValid(e.Row))) failed.TryAdd(e.Row, e);
        }
        if (failed.Count == 0) return output;
        var pick = new int[state.RowCount];
        for (int r = 0; r < pick.Length; r++) pick[r] = failed.ContainsKey(r) ? -1 : r;
        var errors = output.Errors.Where(e => !failed.ContainsKey(e.Row)).ToList();
        var written = node.Outputs.Where(node.Writes.Contains).Select(o => o.Name).ToList();
        foreach (var (row, cause) in failed)
        {
            foreach (var feature in written) errors.Add(new FeatureError(feature, row, $"reads {cause.Feature}, which failed: {cause.Message}"));
        }
        return output with { Columns = ArrowRows.Take(output.Columns, pick), Errors = errors };
    }
}
