using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Store;

namespace Chalk;

/// <summary>Filling the online store from batch queries, so online queries read precomputed values.</summary>
public sealed partial class ChalkEngine
{
    private const int MaterializeChunk = 10_000;

    /// <summary>Computes <paramref name="outputs"/> for every input row as a batch query would (offline resolvers
    /// included) and writes them to the online store under their rows' keys, each with its feature's max staleness as
    /// time to live, so that online queries are served from the store instead of running resolvers (e.g. windowed
    /// aggregates over a large child table).</summary>
    /// <param name="inputs">One column per input feature, e.g. the <c>user.id</c> of every user to materialize.</param>
    /// <param name="outputs">Features with a max staleness, at the root or through has-one relations (<c>review.user.total_orders</c>
    /// is written under the user's key).</param>
    /// <param name="cancellationToken">Cancels the run; what was written stays written.</param>
    /// <returns>How many values were written (the outputs, and the features with a max staleness computed on the way,
    /// such as the foreign keys that lead to a has-one output); rows that do not exist or had an error are skipped and listed.</returns>
    /// <exception cref="InvalidOperationException">The engine has no online store.</exception>
    /// <exception cref="ArgumentException">An output has no max staleness (online queries would never read it), or is an input.</exception>
    /// <exception cref="ChalkPlanException">An input or output is unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    /// <exception cref="ChalkStoreException">The store could not be reached.</exception>
    public async Task<MaterializeResult> MaterializeAsync(RecordBatch inputs, IReadOnlyList<string> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputBatch.RequireNames(outputs, nameof(outputs));
        var store = _store ?? throw new InvalidOperationException("the engine has no online store to materialize into; configure one with ChalkEngineBuilder.WithOnlineStore or \"onlineStore\" in chalk.json");
        var batch = InputBatch.FromBatch(_definitions.Registry, inputs);
        var query = new StoreQuery(StalenessPolicy.Declared, []);
        var plan = GetPlan(batch.Paths, outputs, online: false, query);
        var given = batch.Paths.Select(p => p.Text).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < outputs.Count; i++)
        {
            var o = plan.Logical.Outputs[i];
            if (given.Contains(o.Text))
                throw new ArgumentException($"output '{outputs[i]}' is an input, so there is nothing to compute and store", nameof(outputs));
            if (!(o.Feature.MaxStaleness > TimeSpan.Zero))
                throw new ArgumentException($"output '{outputs[i]}': {o.Feature.Member} has no max staleness, so online queries would never read it from the store; give it [MaxStaleness(\"1d\")] (or its class)", nameof(outputs));
        }
        var now = _time.GetUtcNow();
        var (result, state, ran) = await RunCoreAsync(batch, null, outputs, online: false, query, cancellationToken).ConfigureAwait(false);
        // Intermediates with a staleness are written too, foreign keys among them, so that an online query can reach a
        // has-one output's row through the store alone.
        var writes = StoreWrites.Collect(ran, state, StalenessPolicy.Declared, now, onlyColumns: null);
        for (int start = 0; start < writes.Count; start += MaterializeChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await store.WriteAsync(writes.GetRange(start, Math.Min(MaterializeChunk, writes.Count - start)), cancellationToken).ConfigureAwait(false);
        }
        return new MaterializeResult(batch.Batch.Length, writes.Count, result.Errors, result.MissingRows);
    }

    /// <summary>Materializes <paramref name="outputs"/> for every row of <paramref name="featureClass"/>: the primary keys
    /// its table-shaped SQL file (one with no placeholders that selects the key) lists.</summary>
    /// <param name="featureClass">The class, as queries name it (e.g. <c>user</c>).</param>
    /// <param name="outputs">Features of that class with a max staleness.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="ArgumentException">No such class, or it has no primary key.</exception>
    /// <exception cref="ChalkPlanException">No SQL file lists the class's rows; pass their keys to the other overload.</exception>
    /// <inheritdoc cref="MaterializeAsync(RecordBatch, IReadOnlyList{string}, CancellationToken)" path="/returns"/>
    public async Task<MaterializeResult> MaterializeAsync(string featureClass, IReadOnlyList<string> outputs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(featureClass);
        var cls = _definitions.Registry.FindClass(featureClass)
            ?? throw new ArgumentException($"no feature class '{featureClass}'; the classes are {string.Join(", ", _definitions.Registry.Classes.Select(c => c.Name))}", nameof(featureClass));
        var pk = cls.PrimaryKey ?? throw new ArgumentException($"{cls.ClrType.Name} has no primary key to store values under; mark one with [Primary]", nameof(featureClass));
        var lister = _definitions.Resolvers.OfType<Resolvers.SqlResolverDefinition>().FirstOrDefault(r => r.Class == cls && r.IsTable && r.Columns.Any(c => c.Feature == pk))
            ?? throw new ChalkPlanException($"no SQL file lists every {cls.Name}: materializing all of them needs a .chalk.sql file resolving {cls.ClrType.Name} with no placeholders that selects {pk.Path}; or pass the keys as a batch");
        var keyColumn = lister.Columns.First(c => c.Feature == pk).Column;
        var builder = ArrowColumnBuilder.For(pk.Type!.ArrowType, 1024);
        var seen = new HashSet<object>();
        using (var rows = await lister.Source.QueryAsync(Resolvers.SqlResolverBinder.AsWritten(lister), new RecordBatch(new Schema([], null), [], 1), cancellationToken).ConfigureAwait(false))
        {
            int index = SchemaFields.IndexOf(rows.Schema, keyColumn);
            foreach (var batch in rows.Batches)
            {
                var keys = batch.Column(index);
                for (int r = 0; r < batch.Length; r++)
                {
                    if (FeatureStoreValues.EntityKey(keys, r) is { } key && seen.Add(key)) builder.Append(Store.FeatureStoreValues.Read(keys, r, pk.Type!));
                }
            }
        }
        var array = builder.Build();
        var inputs = new RecordBatch(new Schema([new Field(pk.Path, array.Data.DataType, false)], null), [array], array.Length);
        return await MaterializeAsync(inputs, outputs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Materializes <paramref name="outputs"/> for every row of <paramref name="featureClass"/> now and then every
    /// <paramref name="period"/> (on the engine's clock), keeping the online store warm.</summary>
    /// <param name="featureClass">The class, e.g. <c>user</c>; its rows are listed as for <see cref="MaterializeAsync(string, IReadOnlyList{string}, CancellationToken)"/>.</param>
    /// <param name="outputs">Features of that class with a max staleness; a period shorter than their staleness keeps them always served.</param>
    /// <param name="period">Time between the starts of runs.</param>
    /// <returns>The running schedule; dispose it to stop.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The engine has no online store.</exception>
    public MaterializationSchedule ScheduleMaterialization(string featureClass, IReadOnlyList<string> outputs, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(featureClass);
        InputBatch.RequireNames(outputs, nameof(outputs));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        if (_store is null) throw new InvalidOperationException("the engine has no online store to keep warm; configure one with ChalkEngineBuilder.WithOnlineStore or \"onlineStore\" in chalk.json");
        var list = outputs.ToList();
        return new MaterializationSchedule(ct => MaterializeAsync(featureClass, list, ct), period, _time);
    }
}
