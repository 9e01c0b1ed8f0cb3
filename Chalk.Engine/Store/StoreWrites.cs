using Chalk.Execution;

namespace Chalk.Store;

/// <summary>The store entries a finished query produced: each computed value of a feature with a max staleness, under
/// its row's key, for rows that exist and had no error.</summary>
internal static class StoreWrites
{
    /// <param name="plan">The plan that ran.</param>
    /// <param name="state">Its columns.</param>
    /// <param name="policy">The query's staleness, for which features are written and for how long.</param>
    /// <param name="computedAt">The query's time.</param>
    /// <param name="onlyColumns">Write only these columns (materialization writes its outputs); null: every stored feature computed.</param>
    public static List<StoreWrite> Collect(PhysicalPlan plan, FrameState state, StalenessPolicy policy, DateTimeOffset computedAt, IReadOnlySet<Planning.Logical.ColumnId>? onlyColumns)
    {
        var writes = new List<StoreWrite>();
        // A row with any error is not written at all: a value computed from a failed one would be cached as if it were right.
        var failed = state.Errors.Select(e => e.Row).ToHashSet();
        foreach (var t in plan.Logical.StoreTargets)
        {
            if (onlyColumns is not null && !onlyColumns.Contains(t.Column)) continue;
            if (!policy.Cached(t.Feature)) continue;
            var values = state.Column(t.Column);
            var keys = state.Column(t.KeyColumn);
            var gate = t.Gate is null ? null : state.Column(t.Gate);
            var type = t.Feature.Type!;
            var ttl = policy.TimeToLive(t.Feature);
            for (int r = 0; r < state.RowCount; r++)
            {
                if (failed.Contains(r) || keys.IsNull(r) || (gate is not null && gate.IsNull(r))) continue;
                var value = FeatureStoreValues.Read(values, r, type);
                if (value is null && !type.IsNullable) continue;
                writes.Add(new StoreWrite(new StoreKey(t.Feature.Path, FeatureStoreValues.EntityKey(keys, r)!), new StoredValue(value, computedAt), ttl));
            }
        }
        return writes;
    }
}
