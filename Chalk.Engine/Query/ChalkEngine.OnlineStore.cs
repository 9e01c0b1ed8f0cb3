using Chalk.Execution;
using Chalk.Planning.Logical;
using Chalk.Store;

namespace Chalk;

/// <summary>Online queries through the online store: features with a max staleness are read from it before anything
/// runs, what they let the plan skip is skipped, and what was computed is written back in the background.</summary>
public sealed partial class ChalkEngine
{
    // Each round reads the features whose rows' keys are known; a hit on a foreign key makes the related row's key known.
    private const int MaxStoreRounds = 4;

    /// <summary>Answers one query, reading features that carry a max staleness from the online store when it holds a
    /// value young enough, and running resolvers for the rest.</summary>
    /// <param name="inputs">Feature paths and values, e.g. <c>["review.id"] = 241L</c>. An input overrides both the store and resolvers.</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="options">Staleness overrides and store settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The values, where each came from (<see cref="OnlineResult.Sources"/>), how the store answered
    /// (<see cref="OnlineResult.Store"/>), and an error for each feature that could not be computed.</returns>
    /// <remarks>When every requested feature is an input or a store hit, no resolver runs. Otherwise the plan runs with
    /// the hits as given values, so nothing that only they needed runs. A value computed for a row that exists, with no
    /// error on that row, is written back after the answer is returned (<see cref="QueryOptions.WriteBack"/>); see
    /// <see cref="FlushOnlineStoreAsync"/>.</remarks>
    /// <exception cref="ChalkPlanException">An input or output is unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">An input value does not fit its feature's type, a name is null or blank, or a
    /// staleness override does not name a scalar feature.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    /// <exception cref="ChalkStoreException">The store could not be reached and <see cref="QueryOptions.RequireOnlineStore"/> is set.</exception>
    public async Task<OnlineResult> QueryAsync(IReadOnlyDictionary<string, object?> inputs, IReadOnlyList<string> outputs, QueryOptions? options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputBatch.RequireNames(outputs, nameof(outputs));
        using var query = _telemetry.StartQuery(online: true, outputs.Count, rows: 1);
        try
        {
            var (result, _) = await QueryOnlineAsync(inputs, outputs, options ?? QueryOptions.Default, cancellationToken).ConfigureAwait(false);
            query.Succeeded(result.Errors.Count, result.Store);
            return result;
        }
        catch (Exception ex) when (query.Failed(ex))
        {
            // Not reached: the filter records the failure and lets it go on unchanged.
            throw;
        }
    }

    // The online query as QueryAsync runs it, and the plan that ran (with every hit as a given value); with timings, each
    // operator's time and the store reads' time are recorded.
    private async Task<(OnlineResult Result, PhysicalPlan Plan)> QueryOnlineAsync(IReadOnlyDictionary<string, object?> inputs, IReadOnlyList<string> outputs,
        QueryOptions options, CancellationToken cancellationToken, NodeTimings? timings = null)
    {
        var given = InputBatch.Given.Of(_definitions.Registry, inputs);
        var policy = StalenessPolicy.For(options, _definitions.Registry);
        var now = _time.GetUtcNow();
        if (_store is null || !(_anyStaleness || policy.Signature.Length > 0))
        {
            var (plain, _, plainPlan) = await RunCoreAsync(InputBatch.FromValues(given), null, outputs, online: true, null, cancellationToken, timings).ConfigureAwait(false);
            var status = _store is null ? OnlineStoreStatus.NoStore : new OnlineStoreStatus(OnlineStoreState.NotRead, _store.Name, 0, 0, null);
            return (new OnlineResult(plain.Table, plain.Errors, plain.MissingRows, Sources(plainPlan, outputs, given.Paths, [], now), status), plainPlan);
        }
        long readStart = System.Diagnostics.Stopwatch.GetTimestamp();
        var reads = await ReadStoreAsync(_store, given, outputs, policy, options.RequireOnlineStore, now, cancellationToken).ConfigureAwait(false);
        timings?.StoreRead(System.Diagnostics.Stopwatch.GetElapsedTime(readStart), reads.Status);
        var store = new StoreQuery(policy, reads.Known.Keys.ToList());
        var plan = GetPlan(given.Paths, outputs, online: true, store);
        if (reads.Known.Count > 0 && plan.Logical.OutputColumns.All(reads.Values.ContainsKey))
            return (new OnlineResult(outputs, plan.Logical.OutputColumns.Select(o => reads.Values[o]).ToList(), Sources(plan, outputs, given.Paths, reads.Known, now), reads.Status), plan);
        var withStored = InputBatch.FromValues(given).With(reads.Known.Select(k => (k.Key, k.Value.Feature.Type!, k.Value.Value.Value)));
        var (result, state, ran) = await RunCoreAsync(withStored, null, outputs, online: true, store, cancellationToken, timings).ConfigureAwait(false);
        if (options.WriteBack && reads.Status.State != OnlineStoreState.Unavailable)
            _writes!.Enqueue(StoreWrites.Collect(ran, state, policy, now, onlyColumns: null));
        return (new OnlineResult(result.Table, result.Errors, result.MissingRows, Sources(ran, outputs, given.Paths, reads.Known, now), reads.Status), ran);
    }

    /// <summary>Completes once the values online queries computed before this call have been written to the online store
    /// (or the store refused them). Queries never wait for these writes; tests and shutdown do.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task FlushOnlineStoreAsync(CancellationToken cancellationToken = default)
        => _writes?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    private sealed record StoreReads(Dictionary<ColumnId, (Definitions.FeatureDefinition Feature, StoredValue Value)> Known, Dictionary<ColumnId, object?> Values,
        OnlineStoreStatus Status);

    // Reads, round by round, every stored feature the plan would compute whose row's key is known by then.
    private async Task<StoreReads> ReadStoreAsync(IOnlineStore onlineStore, InputBatch.Given given, IReadOnlyList<string> outputs, StalenessPolicy policy, bool require,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var values = new Dictionary<ColumnId, object?>();
        for (int i = 0; i < given.Paths.Count; i++) values[PlanNode.ColumnOf(given.Paths[i])] = given.ValueAt(i);
        var known = new Dictionary<ColumnId, (Definitions.FeatureDefinition, StoredValue)>();
        var asked = new HashSet<ColumnId>();
        int hits = 0, misses = 0;
        string? error = null;
        // The plan with nothing stored lists every store read a query of this shape can make; a hit only removes
        // reads (what only it needed) and makes keys known, so later rounds read from the same list.
        var targets = GetPlan(given.Paths, outputs, online: true, new StoreQuery(policy, [])).Logical.StoreTargets;
        for (int round = 0; round < MaxStoreRounds; round++)
        {
            var pending = new List<(Planning.Logical.StoreTarget Target, StoreKey Key)>();
            foreach (var t in targets)
            {
                if (asked.Contains(t.Column) || policy.ReadStaleness(t.Feature) <= TimeSpan.Zero) continue;
                var key = values.GetValueOrDefault(t.KeyColumn) ?? values.GetValueOrDefault(t.ReadKeyColumn);
                if (key is not null) pending.Add((t, new StoreKey(t.Feature.Path, FeatureStoreValues.EntityKey(key)!)));
            }
            if (pending.Count == 0) break;
            IReadOnlyList<StoredValue?> got;
            try
            {
                got = await onlineStore.ReadAsync(pending.Select(p => p.Key).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (ChalkStoreException e) when (!require)
            {
                error = e.Message;
                _telemetry.StoreUnavailable(onlineStore.Name, e.Message);
                break;
            }
            int before = hits;
            for (int i = 0; i < pending.Count; i++)
            {
                var t = pending[i].Target;
                asked.Add(t.Column);
                if (got[i] is { } v && FeatureStoreValues.Fits(v.Value, t.Feature.Type!) && policy.Fresh(t.Feature, v.ComputedAt, now))
                {
                    known[t.Column] = (t.Feature, v);
                    values[t.Column] = v.Value;
                    hits++;
                }
                else misses++;
            }
            if (hits == before) break;
        }
        _telemetry.StoreRead(onlineStore.Name, hits, misses);
        var status = error is not null ? new OnlineStoreStatus(OnlineStoreState.Unavailable, onlineStore.Name, hits, misses, error)
            : asked.Count == 0 ? new OnlineStoreStatus(OnlineStoreState.NotRead, onlineStore.Name, 0, 0, null)
            : new OnlineStoreStatus(OnlineStoreState.Available, onlineStore.Name, hits, misses, null);
        return new StoreReads(known, values, status);
    }

    private static Dictionary<string, FeatureSource> Sources(PhysicalPlan plan, IReadOnlyList<string> outputs, IReadOnlyList<Definitions.FeaturePath> inputs,
        Dictionary<ColumnId, (Definitions.FeatureDefinition Feature, StoredValue Value)> known, DateTimeOffset now)
    {
        var given = inputs.Select(PlanNode.ColumnOf).ToHashSet();
        var sources = new Dictionary<string, FeatureSource>(StringComparer.Ordinal);
        for (int i = 0; i < plan.Logical.Outputs.Count; i++)
        {
            var column = plan.Logical.OutputColumns[i];
            var requested = outputs[i];
            sources[requested] = given.Contains(column) ? new FeatureSource(FeatureOrigin.Input, null, null)
                : known.TryGetValue(column, out var k) ? new FeatureSource(FeatureOrigin.OnlineStore, k.Value.ComputedAt, now - k.Value.ComputedAt)
                : new FeatureSource(FeatureOrigin.Resolver, now, TimeSpan.Zero);
        }
        return sources;
    }
}
